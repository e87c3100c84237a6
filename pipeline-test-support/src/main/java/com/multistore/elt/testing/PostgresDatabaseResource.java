package com.multistore.elt.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A freshly created PostgreSQL database for one test run, dropped at the end. The server is the local one
 * ({@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) or the one named by the environment variable
 * {@code PIPELINE_TEST_PG_URL} (a JDBC URL of a database the tests may create databases from). Only when no server
 * answers and a Docker engine is available does it fall back to a PostgreSQL container (Testcontainers).
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final String PREFIX = "pipeline_test_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");
    private static final Logger LOG = Logger.getLogger(PostgresDatabaseResource.class);

    private static volatile TestDatabase current;

    private TestDatabase database;
    private GenericContainer<?> container;

    /** The database of the running test resources (for tests outside Quarkus injection). */
    public static TestDatabase current() {
        if (current == null) {
            throw new IllegalStateException("no test database: is PostgresDatabaseResource a test resource here?");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        String adminUrl = System.getenv().getOrDefault("PIPELINE_TEST_PG_URL", DEFAULT_ADMIN_URL);
        try {
            DriverManager.getConnection(adminUrl).close();
        } catch (SQLException unreachable) {
            adminUrl = containerFallback(adminUrl, unreachable);
        }
        String name = PREFIX + LocalDateTime.now().format(STAMP) + "_" + ThreadLocalRandom.current().nextInt(1000, 10000);
        database = create(adminUrl, name);
        current = database;
        LOG.infof("test database %s created", name);

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", database.url());
        config.put("quarkus.datasource.username", database.user() == null ? "" : database.user());
        config.put("quarkus.datasource.password", database.password() == null ? "" : database.password());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(database,
                new TestInjector.AnnotatedAndMatchesType(InjectTestDatabase.class, TestDatabase.class));
    }

    @Override
    public void stop() {
        if (database != null) {
            try (Connection c = database.admin(); Statement s = c.createStatement()) {
                s.execute("alter database " + database.quoted() + " with allow_connections true");
                s.execute("drop database if exists " + database.quoted() + " with (force)");
                LOG.infof("test database %s dropped", database.name());
            } catch (SQLException e) {
                LOG.warnf("could not drop test database %s: %s", database.name(), e.getMessage());
            }
            current = null;
        }
        if (container != null) {
            container.stop();
        }
    }

    private static TestDatabase create(String adminUrl, String name) {
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("PIPELINE_TEST_PG_URL is not a jdbc:postgresql://host[:port]/db URL");
        }
        String url = m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            dropStale(s);
            s.execute("create database \"" + name + "\"");
            Properties props = org.postgresql.Driver.parseURL(adminUrl, new Properties());
            String user = props == null ? null : props.getProperty("user", c.getMetaData().getUserName());
            String password = props == null ? null : props.getProperty("password");
            return new TestDatabase(adminUrl, url, name, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops test databases that earlier runs left behind (a killed JVM) once they are half a day old. */
    private static void dropStale(Statement s) throws SQLException {
        String cutoff = LocalDateTime.now().minusHours(12).format(STAMP);
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
            while (rs.next()) {
                String n = rs.getString(1);
                String stamp = n.substring(PREFIX.length(), Math.min(n.length(), PREFIX.length() + 14));
                if (stamp.compareTo(cutoff) < 0) {
                    stale.add(n);
                }
            }
        }
        for (String n : stale) {
            s.execute("drop database if exists \"" + n + "\" with (force)");
            LOG.infof("dropped stale test database %s", n);
        }
    }

    private String containerFallback(String adminUrl, SQLException unreachable) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            throw new IllegalStateException("No PostgreSQL answers at " + adminUrl.replaceAll("password=[^&]*", "password=***")
                    + " (" + unreachable.getMessage() + ") and no Docker engine is available. Start the local server "
                    + "(see .ci/run) or set PIPELINE_TEST_PG_URL.", unreachable);
        }
        LOG.warn("no PostgreSQL server reachable; falling back to a PostgreSQL container");
        container = new GenericContainer<>("postgres:16-alpine")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\n", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/postgres?user=postgres";
    }
}
