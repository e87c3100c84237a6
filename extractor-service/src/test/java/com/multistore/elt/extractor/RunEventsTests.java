package com.multistore.elt.extractor;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.extractor.service.RunLedger;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The extractor's run events are written with the rows they follow (the outbox) and reach the real broker, keyed by
 * run id, unchanged.
 */
@QuarkusTest
class RunEventsTests {

    @Inject
    RunLedger runs;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void runStartedRoundTripsThroughTheBroker() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        RunStarted sent = new RunStarted(runId, RunTrigger.MANUAL,
                Map.of("retail", LocalDate.of(2026, 11, 22), "wholesale", LocalDate.of(2026, 11, 21)), List.of(
                new RunStarted.PlanItem("retail", Entity.ORDERS, ExtractMode.BULK),
                new RunStarted.PlanItem("wholesale", Entity.INVENTORY, ExtractMode.SNAPSHOT)));

        runs.record(sent, null, Map.of(sent.plan().get(0), new RunLedger.Window(null, null),
                sent.plan().get(1), new RunLedger.Window(null, null)));

        ConsumerRecord<String, byte[]> record = TopicProbe.awaitKey(Topics.RUN_STARTED, runId, Duration.ofSeconds(30));
        assertEquals(sent, EventJson.mapper().readValue(record.value(), RunStarted.class));
        assertEquals(2, database.queryForLong("select count(*) from ops.extractor_run_items where run_id = '" + runId + "'"));
    }

    @Test
    void extractCompletedKeepsItsEndOffsetsAndIsWrittenWithTheFinishedItem() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        RunStarted.PlanItem orders = new RunStarted.PlanItem("retail", Entity.ORDERS, ExtractMode.INCREMENTAL);
        runs.record(new RunStarted(runId, RunTrigger.MANUAL, Map.of("retail", LocalDate.of(2026, 11, 22)),
                List.of(orders)), null, Map.of(orders, new RunLedger.Window(null, null)));
        ExtractCompleted sent = new ExtractCompleted(runId, "retail", Entity.ORDERS, Status.SUCCEEDED, 3,
                Instant.parse("2026-11-21T11:25:00Z"), Instant.parse("2026-11-22T11:29:58Z"), Map.of(0, 2L, 2, 1L), null);

        runs.finishItem(sent, 3, 12.0, Instant.parse("2026-11-22T11:29:58Z"), true);

        ConsumerRecord<String, byte[]> record = TopicProbe.awaitKey(Topics.EXTRACT_COMPLETED, runId, Duration.ofSeconds(30));
        assertEquals(sent, EventJson.mapper().readValue(record.value(), ExtractCompleted.class));
        assertEquals("SUCCEEDED/CANDIDATE", database.queryForString("select status || '/' || watermark_state"
                + " from ops.extractor_run_items where run_id = '" + runId + "'"));
    }

    @Test
    void theWarehouseSchemaIsMigrated() throws Exception {
        assertEquals(1, database.queryForLong(
                "select count(*) from flyway_schema_history where version = '1' and success"));
        assertEquals(1, database.queryForLong(
                "select count(*) from flyway_schema_history where version = '5' and success"));
        assertEquals(4, database.queryForLong(
                "select count(*) from information_schema.schemata where schema_name in ('staging','warehouse','mart','ops')"));
    }
}
