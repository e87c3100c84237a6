package com.multistore.elt.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hours at which the stores' business days, UTC's date and each other disagree, each pinned as the pipeline's
 * "now" (the simulator's and every service's clock): a bulk run of the three shops (New York, Chicago, Kolkata) dates
 * each store by its own zone (the run, its inventory snapshot, its archive folders), the bakery marts are as of that
 * instant, and replaying a store's business day from Kafka and from the archive leaves the warehouse identical; in one
 * case the database is then dropped and created again, and replaying every store's day (from the archive, and again
 * from Kafka) rebuilds every warehouse and mart table exactly.
 */
class PinnedClockEndToEndTests {

    static final int ORDERS_PER_SHOP = 300;
    static final Map<String, ZoneId> ZONES = Map.of("retail", ZoneId.of("America/New_York"),
            "wholesale", ZoneId.of("America/Chicago"), "bakery", ZoneId.of(RunningPipeline.BAKERY_ZONE));

    /** The case whose warehouse is also rebuilt from nothing by replays (once is enough: it restarts every service). */
    static final String REBUILT_FROM_NOTHING = "kolkata-ahead";

    static Stream<Arguments> instants() {
        return Stream.of(
                // UTC and the Americas on the 24th, Kolkata already on the 25th (the hour the suite once failed at)
                Arguments.of("kolkata-ahead", Instant.parse("2026-11-24T21:57:00Z")),
                // UTC and Kolkata on the 25th, New York and Chicago still on the 24th
                Arguments.of("new-york-behind", Instant.parse("2026-11-25T03:30:00Z")),
                // 23:30 in New York on the day it leaves daylight saving time: the 25th hour of 1 November
                Arguments.of("new-york-leaves-dst", Instant.parse("2026-11-02T04:30:00Z")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("instants")
    void eachStoreIsDatedByItsOwnZoneAndReplayingItsDayChangesNothing(String label, Instant pinned) throws Exception {
        RunningPipeline pipeline = new RunningPipeline(pinned, "e2e-pinned-" + label);
        PipelineChecks checks = new PipelineChecks(pipeline);
        try {
            pipeline.start(ORDERS_PER_SHOP);
            String run = checks.runToTheEnd();
            assertEquals("SUCCEEDED", checks.status(run), () -> label + ": " + checks.runError(run));

            Map<String, String> expected = new TreeMap<>();
            ZONES.forEach((store, zone) -> expected.put(store, LocalDate.ofInstant(pinned, zone).toString()));
            assertTrue(expected.values().stream().distinct().count() > 1, "the stores' dates differ at " + pinned);
            assertTrue(run.startsWith("run-" + LocalDate.ofInstant(pinned, ZoneOffset.UTC)
                    .format(DateTimeFormatter.BASIC_ISO_DATE) + "-"), "the run id carries the UTC date: " + run);
            assertEquals(expected, pairs(pipeline, "select key, value from jsonb_each_text((select business_dates"
                    + " from ops.etl_runs where run_id = '" + run + "'))"), "the run's business date of each store");
            assertEquals(pinned.toString(), pipeline.text("select to_char(transform_started_at at time zone 'UTC',"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from ops.etl_runs where run_id = '" + run + "'"),
                    "the merges' now is the transformer's (pinned) clock");
            assertEquals(expected, pairs(pipeline, "select store, string_agg(distinct snapshot_date::text, ',')"
                    + " from warehouse.inventory_snapshot group by store"), "each store's snapshot takes its own date");
            for (String store : ZONES.keySet()) {
                assertEquals(Set.of("date=" + expected.get(store)), archiveDays(pipeline, store),
                        store + ": the archive folders of its records");
            }
            checks.assertWarehouseMatchesTheShops(run);

            Map<String, String> before = checks.checksums();
            for (String store : List.of("retail", "bakery")) {
                long staged = pipeline.number("select count(*) from staging.orders where run_id = '" + run
                        + "' and store = '" + store + "'");
                for (String source : store.equals("retail") ? List.of("kafka", "archive") : List.of("kafka")) {
                    String replay = checks.replayToTheEnd(expected.get(store), store, source);
                    assertEquals(staged, pipeline.number("select count(*) from staging.orders where run_id = '" + replay
                            + "'"), store + ": replaying its day " + expected.get(store) + " from " + source
                            + " stages every order of the run");
                    assertEquals(before, checks.checksums(), "warehouse content after replaying " + store + " "
                            + expected.get(store) + " from " + source);
                }
            }

            if (REBUILT_FROM_NOTHING.equals(label)) {
                // rule 6 on an empty warehouse: a replay that merged nothing would pass the comparisons above, since
                // the merges are idempotent; here the database is dropped and every store's day replayed into a new one
                Map<String, String> full = checks.checksumsWithMarts();
                assertTrue(pipeline.number("select count(*) from warehouse.fact_order_lines") > 0);
                for (String source : List.of("archive", "kafka")) {
                    pipeline.recreateDatabase();
                    assertEquals(0, pipeline.number("select count(*) from warehouse.fact_orders"), "the new database is empty");
                    if (source.equals("archive")) {
                        // first a replay of retail's day that fails in a merge job (every try of the order lines
                        // merge raises) and leaves part of the day merged; the next replay of the day succeeds
                        pipeline.execute("create function warehouse.e2e_always_fail() returns trigger language plpgsql"
                                + " as $$ begin raise exception 'e2e: injected failure of a merge job'; end $$;"
                                + " create trigger e2e_always_fail before insert on warehouse.fact_order_lines"
                                + " for each statement execute function warehouse.e2e_always_fail();");
                        String failed = checks.replayUntilItEnds(expected.get("retail"), "retail", source);
                        pipeline.execute("drop trigger e2e_always_fail on warehouse.fact_order_lines;"
                                + " drop function warehouse.e2e_always_fail();");
                        assertEquals("FAILED", checks.status(failed), "the replay with a failing merge job fails");
                        assertTrue(checks.runError(failed).contains("fact_order_lines"), checks.runError(failed));
                    }
                    for (String store : new TreeSet<>(ZONES.keySet())) {
                        checks.replayToTheEnd(expected.get(store), store, source);
                    }
                    assertEquals(full, checks.checksumsWithMarts(), "every warehouse and mart table after dropping the"
                            + " database and replaying each store's day from " + source);
                }
            }
        } finally {
            pipeline.stop();
        }
    }

    private static Map<String, String> pairs(RunningPipeline pipeline, String sql) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (var c = pipeline.database.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getString(2));
            }
        }
        return result;
    }

    /** The date folders of a store's orders in the loader's archive directory. */
    private static Set<String> archiveDays(RunningPipeline pipeline, String store) throws IOException {
        Path orders = pipeline.work.resolve("archive").resolve("store=" + store).resolve("entity=orders");
        Set<String> days = new TreeSet<>();
        if (Files.isDirectory(orders)) {
            try (var entries = Files.list(orders)) {
                entries.forEach(p -> days.add(p.getFileName().toString()));
            }
        }
        return days;
    }
}
