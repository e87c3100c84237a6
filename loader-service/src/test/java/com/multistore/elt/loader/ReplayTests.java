package com.multistore.elt.loader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RawRecord;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay of a business day of a store (replay-store is in America/New_York in the test profile), from Kafka and from
 * the archive: both stage the same rows as the original runs, under new run ids. A record belongs to the day its
 * business date says (a run extracting past midnight stays in its day); a record of the older format without one, by
 * its timestamp's date in the store's zone.
 */
@QuarkusTest
class ReplayTests {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String STORE = "replay-store";
    private static final String TOKEN = "Bearer test-admin-token";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void replayFromKafkaAndFromTheArchiveStageTheSameRowsAsTheOriginalRun() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 1); // New York leaves daylight saving time: a day of 25 hours
        String runId = "run-" + UUID.randomUUID();
        Entity entity = Entity.ORDERS;
        try (RawTraffic traffic = new RawTraffic()) {
            for (int n = 1; n <= 50; n++) {
                long timestamp;
                LocalDate businessDate = day;
                if (n <= 35) {          // in the day, New York time (its 25th hour included)
                    timestamp = day.atStartOfDay(NEW_YORK).toInstant().plus(Duration.ofMinutes(42L * n)).toEpochMilli();
                } else if (n <= 40) {   // the day's run still extracting just after midnight
                    timestamp = day.plusDays(1).atTime(0, 30).atZone(NEW_YORK).toInstant().toEpochMilli();
                } else if (n <= 45) {   // the run of the evening before (already the day in UTC)
                    timestamp = day.minusDays(1).atTime(23, 0).atZone(NEW_YORK).toInstant().toEpochMilli();
                    businessDate = day.minusDays(1);
                } else if (n <= 48) {   // the next day's run
                    timestamp = day.plusDays(1).atTime(0, 40).atZone(NEW_YORK).toInstant().toEpochMilli();
                    businessDate = day.plusDays(1);
                } else {                // the older format: dated by its timestamp, 23:30 New York (04:30 UTC the next day)
                    timestamp = day.atTime(23, 30).atZone(NEW_YORK).toInstant().toEpochMilli();
                    businessDate = null;
                }
                traffic.send(entity.rawTopic(), RawRecord.key(STORE, RawTraffic.gid(entity, n)), RawTraffic.rawRecord(runId,
                        STORE, entity, n, businessDate, Instant.ofEpochMilli(timestamp), RawTraffic.payload(entity, n)),
                        timestamp);
            }
            ObjectNode noGid = (ObjectNode) EventJson.mapper().readTree(RawTraffic.rawRecord(runId, STORE, entity, 99));
            noGid.remove("gid");
            traffic.send(entity.rawTopic(), STORE + "/no-gid", EventJson.mapper().writeValueAsBytes(noGid),
                    day.atTime(12, 0).atZone(NEW_YORK).toInstant().toEpochMilli());
            traffic.flush();
            traffic.complete(runId, STORE, entity, 51);
        }
        LoadCompleted original = LoadProbe.awaitOne(runId, WAIT);
        assertEquals(50, original.stagedCount());
        assertEquals(1, original.deadLetteredCount());
        List<String> firstRun = rows(runId, " and ((regexp_replace(gid, '.*/', ''))::int between 6 and 40"
                + " or (regexp_replace(gid, '.*/', ''))::int > 48)");
        assertEquals(37, firstRun.size());

        // a second run the same day re-extracts orders 1-5 (changed since): the day's latest version of each counts
        String rerun = "run-" + UUID.randomUUID();
        try (RawTraffic traffic = new RawTraffic()) {
            for (int n = 1; n <= 5; n++) {
                ObjectNode payload = RawTraffic.payload(entity, n);
                payload.put("displayFinancialStatus", "REFUNDED");
                traffic.send(entity.rawTopic(), RawRecord.key(STORE, RawTraffic.gid(entity, n)),
                        RawTraffic.rawRecord(rerun, STORE, entity, n, day, Instant.parse("2026-11-22T07:00:00Z"), payload),
                        day.atTime(22, 0).atZone(NEW_YORK).toInstant().toEpochMilli());
            }
            traffic.flush();
            traffic.complete(rerun, STORE, entity, 5);
        }
        assertEquals(5, LoadProbe.awaitOne(rerun, WAIT).stagedCount());
        List<String> expected = new ArrayList<>(firstRun);
        expected.addAll(rows(rerun, ""));
        expected.sort(null);
        assertEquals(42, expected.size());
        assertEquals(5, expected.stream().filter(r -> r.contains("REFUNDED")).count());

        // from Kafka: only the day's 42 records, the dead letter again, a REPLAY run announced
        String fromKafka = replay(day, "kafka");
        LoadCompleted kafkaLoad = ordersLoad(fromKafka);
        assertEquals(Status.SUCCEEDED, kafkaLoad.status(), () -> "load " + kafkaLoad);
        assertEquals(42, kafkaLoad.stagedCount());
        assertEquals(1, kafkaLoad.deadLetteredCount());
        assertEquals(expected, rows(fromKafka, ""));
        RunStarted started = EventJson.mapper().readValue(
                TopicProbe.awaitKey(Topics.RUN_STARTED, fromKafka, WAIT).value(), RunStarted.class);
        assertEquals(RunTrigger.REPLAY, started.trigger());
        assertEquals(Map.of(STORE, day), started.businessDates());
        assertEquals(List.of(new RunStarted.PlanItem(STORE, entity, com.multistore.elt.events.ExtractMode.INCREMENTAL),
                new RunStarted.PlanItem(STORE, Entity.REFUNDS, com.multistore.elt.events.ExtractMode.INCREMENTAL)),
                started.plan(), "a replay of orders brings their refunds' details with it");

        // from the archive: the same rows (the archive keeps only what was staged, so no dead letter this time)
        String fromArchive = replay(day, "archive");
        LoadCompleted archiveLoad = ordersLoad(fromArchive);
        assertEquals(Status.SUCCEEDED, archiveLoad.status(), () -> "load " + archiveLoad);
        assertEquals(42, archiveLoad.stagedCount());
        assertNotNull(archiveLoad.archiveUri());
        assertEquals(expected, rows(fromArchive, ""));

        RestAssured.given().header("Authorization", TOKEN).get("/runs/" + fromArchive)
                .then().statusCode(200)
                .body("replay.status", is("SUCCEEDED"))
                .body("replay.source", is("archive"))
                .body("replay.businessDate", is(day.toString()))
                .body("replay.endedAt", org.hamcrest.Matchers.notNullValue())
                .body("loads.entity", org.hamcrest.Matchers.containsInAnyOrder("orders", "refunds"))
                .body("loads.find { it.entity == 'refunds' }.stagedCount", is(0))
                .body("loads.find { it.entity == 'orders' }.store", is(STORE))
                .body("loads.find { it.entity == 'orders' }.status", is("SUCCEEDED"))
                .body("loads.find { it.entity == 'orders' }.stagedCount", is(42))
                .body("loads.find { it.entity == 'orders' }.stagedSoFar", is(42))
                .body("loads.find { it.entity == 'orders' }.deadLetteredCount", is(0))
                .body("loads.find { it.entity == 'orders' }.declaredAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void replayNeedsTheAdminTokenAndAValidRequest() {
        RestAssured.given().contentType(ContentType.JSON).body("{\"businessDate\":\"2026-11-20\"}")
                .post("/replay").then().statusCode(401);
        RestAssured.given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"businessDate\":\"2026-11-20\",\"source\":\"tape\"}")
                .post("/replay").then().statusCode(400).body("error", is("source must be kafka or archive, not 'tape'"));
        RestAssured.given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"businessDate\":\"2026-11-20\",\"stores\":[\"nowhere\"]}")
                .post("/replay").then().statusCode(400).body("error", org.hamcrest.Matchers.startsWith(
                        "unknown store 'nowhere' (no pipeline.stores.nowhere.*)"));
        RestAssured.given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("{}")
                .post("/replay").then().statusCode(400);
        RestAssured.given().header("Authorization", TOKEN).get("/runs/no-such-run").then().statusCode(404);
        RestAssured.given().get("/runs/no-such-run").then().statusCode(401);
    }

    /**
     * The orders load of a replay run of orders, which also declares the load of their refunds (none were extracted
     * here: SUCCEEDED with nothing staged).
     */
    private static LoadCompleted ordersLoad(String runId) {
        List<LoadCompleted> loads = LoadProbe.await(runId, 2, WAIT);
        LoadCompleted refunds = loads.stream().filter(l -> l.entity() == Entity.REFUNDS).findFirst()
                .orElseThrow(() -> new AssertionError("no refunds load in " + loads));
        assertEquals(Status.SUCCEEDED, refunds.status(), () -> "load " + refunds);
        assertEquals(0, refunds.stagedCount());
        return loads.stream().filter(l -> l.entity() == Entity.ORDERS).findFirst()
                .orElseThrow(() -> new AssertionError("no orders load in " + loads));
    }

    private static String replay(LocalDate day, String source) {
        String runId = RestAssured.given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"businessDate\":\"" + day + "\",\"stores\":[\"" + STORE + "\"],\"entities\":[\"orders\"],"
                        + "\"source\":\"" + source + "\"}")
                .post("/replay")
                .then().statusCode(202).body("status", is("RUNNING"))
                .extract().path("runId");
        assertTrue(runId.startsWith("replay-" + day), runId);
        return runId;
    }

    /** A run's staged rows as comparable text, sorted: everything but the run id and the staging time. */
    private List<String> rows(String runId, String andWhere) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select concat_ws('|', store, gid, source_updated_at, extracted_at, payload::text,"
                     + " kafka_topic, kafka_partition, kafka_offset) from staging.orders where run_id = '" + runId + "'"
                     + andWhere)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        rows.sort(null);
        return rows;
    }
}
