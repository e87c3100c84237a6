package com.multistore.elt.extractor.jdbc;

import com.multistore.elt.service.source.SourceStream;
import com.multistore.elt.service.source.SourcesConfig.Mode;
import com.multistore.elt.testing.OlistSourceDatabase;
import com.multistore.elt.testing.PostgresDatabaseResource;
import com.multistore.elt.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDBC stream reader against an Olist database on the local PostgreSQL: keyset chunks that lose and repeat
 * nothing (also at chunk edges inside one cursor value), an index-served chunk statement, the window after the shop
 * moved on (exactly the changed orders and their children), types kept exactly, and unreadable rows reported with
 * table and key while the rest is read.
 */
class JdbcStreamReaderTests {

    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
    private static final ZoneId ZONE = ZoneId.of(OlistSourceDatabase.ZONE);
    private static final String ORDERS_CURSOR = "greatest(order_purchase_timestamp, order_approved_at,"
            + " order_delivered_carrier_date, order_delivered_customer_date)";
    private static final PostgresDatabaseResource RESOURCE = new PostgresDatabaseResource();
    private static TestDatabase database;

    private static final SourceStream ORDERS = new SourceStream("olist", "olist", "orders", "src.orders",
            List.of("order_id"), Mode.INCREMENTAL, ORDERS_CURSOR, null, List.of(), 37, List.of());
    private static final SourceStream ITEMS = new SourceStream("olist", "olist", "order_items", "src.order_items",
            List.of("order_id", "order_item_id"), Mode.CHILD, null, ORDERS, List.of("order_id"), 41,
            List.of("price", "freight_value"));
    private static final SourceStream PRODUCTS = new SourceStream("olist", "olist", "products", "src.products",
            List.of("product_id"), Mode.SNAPSHOT, null, null, List.of(), 23, List.of("product_weight_g"));

    private final JdbcStreamReader reader = new JdbcStreamReader(ZONE, Duration.ofMinutes(1));

    @BeforeAll
    static void start() throws Exception {
        RESOURCE.start();
        database = PostgresDatabaseResource.current();
        OlistSourceDatabase.create(database, "src", NOW, 400);
    }

    @AfterAll
    static void stop() {
        RESOURCE.stop();
    }

    @Test
    void aFirstLoadReadsEveryRowOnceInManyChunks() throws Exception {
        StreamWindow all = new StreamWindow(null, local(NOW));
        Collected orders = read(ORDERS, all);
        assertEquals(database.queryForLong("select count(*) from src.orders"), orders.rows.size());
        assertEquals(orders.rows.size(), new HashSet<>(orders.gids()).size(), "no row twice");
        assertTrue(orders.result.chunks() > 5, "chunks of 37: " + orders.result.chunks());
        Collected items = read(ITEMS, all);
        assertEquals(database.queryForLong("select count(*) from src.order_items"), items.rows.size());
        assertEquals(items.rows.size(), new HashSet<>(items.gids()).size());
        assertTrue(items.gids().contains(items.rows.get(0).values().get("order_id").asText() + "/"
                + items.rows.get(0).values().get("order_item_id").asText()), "a composite key's gid");
        Collected products = read(PRODUCTS, all);
        assertEquals(database.queryForLong("select count(*) from src.products"), products.rows.size());
        assertEquals(LocalDate.of(2026, 11, 20), products.rows.get(0).businessDay(), "a snapshot row is the run's day");
    }

    @Test
    void theSourceSideOfTheReconciliationCountsAndSumsTheWindow() throws Exception {
        StreamWindow window = new StreamWindow(LocalDateTime.of(2026, 10, 15, 0, 0), local(NOW));
        try (Connection c = database.connect()) {
            JdbcStreamReader.Observation orders = reader.observe(c, ORDERS, window);
            assertEquals(database.queryForLong("select count(*) from src.orders where " + ORDERS_CURSOR
                    + " >= '2026-10-15' and " + ORDERS_CURSOR + " < '" + local(NOW) + "'"), orders.rows());
            assertEquals(read(ORDERS, window).rows.size(), orders.rows(), "what the reader read of the window");
            JdbcStreamReader.Observation items = reader.observe(c, ITEMS, window);
            assertEquals(read(ITEMS, window).rows.size(), items.rows());
            assertEquals(database.queryForString("select sum(i.price) from src.order_items i join src.orders using (order_id)"
                    + " where " + ORDERS_CURSOR + " >= '2026-10-15' and " + ORDERS_CURSOR + " < '" + local(NOW) + "'"),
                    items.sums().get("price").toPlainString(), "exact sums");
            assertTrue(items.sums().containsKey("freight_value"));
            JdbcStreamReader.Observation products = reader.observe(c, PRODUCTS, window);
            assertEquals(database.queryForLong("select count(*) from src.products"), products.rows());
            assertEquals(database.queryForString("select sum(product_weight_g) from src.products"),
                    products.sums().get("product_weight_g").toPlainString());
            assertTrue(c.getAutoCommit());
        }
    }

    @Test
    void rowsSharingOneCursorValueAreNeitherLostNorRepeatedAtChunkEdges() throws Exception {
        database.execute("create table src.same_time (id int, part text, changed timestamp, primary key (part, id))");
        database.execute("insert into src.same_time select i, case when i % 2 = 0 then 'a' else 'b' end,"
                + " timestamp '2026-11-01 10:00:00' + (i / 50) * interval '1 hour' from generate_series(1, 200) i");
        SourceStream same = new SourceStream("olist", "olist", "same_time", "src.same_time", List.of("part", "id"),
                Mode.INCREMENTAL, "changed", null, List.of(), 7, List.of("id"));
        Collected rows = read(same, new StreamWindow(null, LocalDateTime.of(2026, 11, 2, 0, 0)));
        assertEquals(200, rows.rows.size());
        assertEquals(200, new HashSet<>(rows.gids()).size());
        assertEquals(29, rows.result.chunks(), "200 rows in chunks of 7: 28 full, the last one short");
        Collected later = read(same, new StreamWindow(LocalDateTime.of(2026, 11, 1, 12, 0), LocalDateTime.of(2026, 11, 2, 0, 0)));
        assertEquals(database.queryForLong("select count(*) from src.same_time where changed >= '2026-11-01 12:00'"),
                later.rows.size(), "the lower bound is inclusive, the upper exclusive");
    }

    @Test
    void localTimesInADaylightSavingGapOfTheMachinesZoneAreNeitherShiftedNorLostAtChunkEdges() throws Exception {
        // 2026-10-04 02:00-03:00 does not exist in Sydney (clocks go forward); in Sao Paulo it is an ordinary hour
        database.execute("create table src.gap_hour (id int primary key, changed timestamp)");
        database.execute("insert into src.gap_hour select i, timestamp '2026-10-04 02:00:00' + i * interval '5 minutes'"
                + " from generate_series(0, 11) i");
        SourceStream gap = new SourceStream("olist", "olist", "gap_hour", "src.gap_hour", List.of("id"),
                Mode.INCREMENTAL, "changed", null, List.of(), 1, List.of());
        java.util.TimeZone machine = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Australia/Sydney"));
        try {
            Collected rows = read(gap, new StreamWindow(LocalDateTime.of(2026, 10, 4, 2, 10), LocalDateTime.of(2026, 10, 4, 2, 50)));
            assertEquals(List.of("2", "3", "4", "5", "6", "7", "8", "9"), rows.gids(), "[02:10, 02:50) in chunks of one");
            assertEquals("2026-10-04T02:10", rows.rows.get(0).values().get("changed").asText());
        } finally {
            java.util.TimeZone.setDefault(machine);
        }
    }

    @Test
    void theChunkStatementIsServedByTheCursorIndex() throws Exception {
        String sql = JdbcStreamReader.statement(ORDERS, new StreamWindow(LocalDateTime.of(2026, 10, 1, 0, 0),
                local(NOW)), true);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            try (PreparedStatement ps = c.prepareStatement("explain " + sql)) {
                ps.setTimestamp(1, Timestamp.valueOf(local(NOW)));
                ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.of(2026, 10, 1, 0, 0)));
                ps.setTimestamp(3, Timestamp.valueOf(LocalDateTime.of(2026, 10, 5, 0, 0)));
                ps.setString(4, "0");
                ps.setInt(5, 37);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("Index Scan using orders_latest_change"), plan.toString());
                assertTrue(plan.toString().contains("Index Cond"), plan.toString());
                assertFalse(plan.toString().contains("Sort"), "the index gives the order: " + plan);
            }
        }
    }

    @Test
    void afterTheShopMovesOnTheWindowHoldsExactlyTheChangedOrdersAndTheirChildren() throws Exception {
        // a copy of the database as it was, to compute the changes independently on the source
        database.execute("create table src.orders_before as select * from src.orders");
        Instant later = NOW.plus(Duration.ofDays(2));
        OlistSourceDatabase.advance(database, "src", later);
        LocalDateTime lower = local(NOW).minusMinutes(10);
        StreamWindow window = new StreamWindow(lower, local(later));
        Set<String> read = new TreeSet<>(read(ORDERS, window).gids());
        Set<String> changed = new TreeSet<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select o.order_id from src.orders o left join src.orders_before b using (order_id)"
                     + " where b.order_id is null or row(o.*)::text <> row(b.*)::text")) {
            while (rs.next()) {
                changed.add(rs.getString(1));
            }
        }
        assertFalse(changed.isEmpty());
        assertTrue(read.containsAll(changed), "every new or changed order is in the window");
        Set<String> extra = new TreeSet<>(read);
        extra.removeAll(changed);
        assertEquals(database.queryForLong("select count(*) from src.orders_before where " + ORDERS_CURSOR
                + " >= '" + lower + "'"), extra.size(), "besides them only the overlap's unchanged orders");
        List<String> itemOrders = read(ITEMS, window).rows.stream().map(r -> r.values().get("order_id").asText()).toList();
        assertEquals(new TreeSet<>(itemOrders), new TreeSet<>(filterWithItems(read)), "the children of exactly those orders");
    }

    @Test
    void valuesKeepTheirTypesAndABadRowIsReportedWithItsKey() throws Exception {
        database.execute("create table src.typed (id text primary key, zip text, amount numeric(10, 2), ratio numeric,"
                + " at timestamp, at_zone timestamptz, day date, flag boolean, n integer, note text)");
        database.execute("insert into src.typed values ('a', '01037', 129.90, 1.5, '2017-10-02 10:56:33',"
                + " '2017-10-02 10:56:33+00', '2017-10-02', true, 7, ''), ('b', null, null, 'NaN', null, null, null, null,"
                + " null, null), ('c', '99999', 0.10, 2, null, null, null, false, -1, ' x ')");
        SourceStream typed = new SourceStream("olist", "olist", "typed", "src.typed", List.of("id"), Mode.SNAPSHOT,
                null, null, List.of(), 2, List.of());
        Collected rows = read(typed, new StreamWindow(null, local(NOW)));
        assertEquals(1, rows.unreadable.size(), rows.unreadable.toString());
        assertEquals(2, rows.rows.size(), rows.rows.toString());
        assertEquals("b", rows.unreadable.get(0).key());
        assertEquals("src.typed", rows.unreadable.get(0).table());
        assertTrue(rows.unreadable.get(0).getMessage().contains("ratio"), rows.unreadable.get(0).getMessage());
        var a = rows.rows.get(0).values();
        assertEquals("{\"id\":\"a\",\"zip\":\"01037\",\"amount\":129.90,\"ratio\":1.5,\"at\":\"2017-10-02T10:56:33\","
                + "\"at_zone\":\"2017-10-02T10:56:33Z\",\"day\":\"2017-10-02\",\"flag\":true,\"n\":7,\"note\":\"\"}",
                a.toString());
        assertEquals("{\"id\":\"c\",\"zip\":\"99999\",\"amount\":0.10,\"ratio\":2,\"at\":null,\"at_zone\":null,"
                + "\"day\":null,\"flag\":false,\"n\":-1,\"note\":\" x \"}", rows.rows.get(1).values().toString());
        List<SourceColumn> columns = reader.columns(database.connect(), typed);
        assertEquals("amount numeric(10,2) null", columns.get(2).describe());
        assertEquals("id text not null", columns.get(0).describe().replace("(2147483647)", ""));
    }

    private List<String> filterWithItems(Set<String> orders) throws Exception {
        List<String> with = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select distinct order_id from src.order_items")) {
            while (rs.next()) {
                if (orders.contains(rs.getString(1))) {
                    with.add(rs.getString(1));
                }
            }
        }
        return with;
    }

    private Collected read(SourceStream stream, StreamWindow window) throws Exception {
        Collected collected = new Collected();
        try (Connection c = database.connect()) {
            collected.result = reader.read(c, stream, window, LocalDate.of(2026, 11, 20), new JdbcStreamReader.Sink() {
                @Override
                public void row(SourceRow row) {
                    collected.rows.add(row);
                }

                @Override
                public void unreadable(RowConversionException e) {
                    collected.unreadable.add(e);
                }
            });
            assertTrue(c.getAutoCommit(), "the connection is left as it was");
        }
        return collected;
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZONE);
    }

    private static final class Collected {
        final List<SourceRow> rows = new ArrayList<>();
        final List<RowConversionException> unreadable = new ArrayList<>();
        JdbcStreamReader.Result result;

        List<String> gids() {
            return rows.stream().map(SourceRow::gid).toList();
        }
    }
}
