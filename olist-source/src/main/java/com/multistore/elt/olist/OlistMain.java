package com.multistore.elt.olist;

import com.multistore.elt.service.source.SourcesConfig;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The Olist source database from the command line: {@code create} (a new database's tables, filled as they are now;
 * refused when the tables exist), {@code ensure} (create unless it exists), {@code advance [PT24H|<instant>]} (the shop
 * moves on by a duration, default PT24H, or to an instant; never beyond the pipeline clock's now). "Now" is the
 * pipeline clock ({@code pipeline.clock.fixed} pins it outside the prod profile).
 */
@QuarkusMain
public class OlistMain implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(OlistMain.class);

    @Inject
    OlistConfig config;

    @Inject
    Clock clock;

    @Override
    public int run(String... args) throws Exception {
        String command = args.length == 0 ? "ensure" : args[0];
        OlistConfig.Source source = config.source();
        try (Connection c = connect(source)) {
            OlistGenerator generator = new OlistGenerator(c, source.schema(), config.generate().timeZone(),
                    config.generate().seed());
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            switch (command) {
                case "create" -> report("created", generator.create(now, sizes()));
                case "ensure" -> {
                    if (exists(c, source.schema())) {
                        LOG.infof("olist source %s: schema %s already holds the Olist tables, left as it is",
                                SourcesConfig.redacted(source.url()), source.schema());
                    } else {
                        report("created", generator.create(now, sizes()));
                    }
                }
                case "advance" -> {
                    String by = args.length > 1 ? args[1] : "PT24H";
                    Instant to = by.startsWith("P") ? generatedUntil(c, source.schema()).plus(Duration.parse(by))
                            : Instant.parse(by);
                    if (to.isAfter(now)) {
                        to = now;
                    }
                    report("advanced", generator.advance(to));
                }
                default -> {
                    LOG.errorf("unknown command '%s': create | ensure | advance [PT24H|<instant>]", command);
                    return 2;
                }
            }
        }
        return 0;
    }

    private OlistGenerator.Sizes sizes() {
        OlistConfig.Generate g = config.generate();
        return new OlistGenerator.Sizes(g.customers(), g.sellers(), g.products(), g.orders(), g.leads(), g.historyDays());
    }

    private static void report(String what, OlistGenerator.Summary s) {
        LOG.infof("olist source %s to %s: %d new orders, %d orders changed, %d reviews added, %d answered", what,
                s.until(), s.newOrders(), s.ordersChanged(), s.reviewsAdded(), s.reviewsAnswered());
    }

    static Connection connect(OlistConfig.Source source) throws SQLException {
        Properties props = new Properties();
        source.user().ifPresent(u -> props.setProperty("user", u));
        source.password().ifPresent(p -> props.setProperty("password", p));
        try {
            return DriverManager.getConnection(source.url(), props);
        } catch (SQLException e) {
            // the driver's message names host and database, never the password
            throw new SQLException("cannot reach the Olist source database " + SourcesConfig.redacted(source.url()) + ": "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, schema, "_olist_generator", null)) {
            return rs.next();
        }
    }

    private static Instant generatedUntil(Connection c, String schema) throws SQLException {
        try (var s = c.createStatement();
             ResultSet rs = s.executeQuery("select generated_until from " + schema + "._olist_generator")) {
            if (!rs.next()) {
                throw new IllegalStateException(schema + " was not created by this generator");
            }
            return rs.getTimestamp(1).toInstant();
        }
    }
}
