package com.multistore.elt.extractor;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.extractor.messaging.RunEvents;
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

/** The extractor's run events go through the real broker, keyed by run id, and read back unchanged. */
@QuarkusTest
class RunEventsTests {

    @Inject
    RunEvents events;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void runStartedRoundTripsThroughTheBroker() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        RunStarted sent = new RunStarted(runId, RunTrigger.MANUAL,
                Map.of("retail", LocalDate.of(2026, 11, 22), "wholesale", LocalDate.of(2026, 11, 21)), List.of(
                new RunStarted.PlanItem("retail", Entity.ORDERS, ExtractMode.BULK),
                new RunStarted.PlanItem("wholesale", Entity.INVENTORY, ExtractMode.SNAPSHOT)));

        events.runStarted(sent).await().atMost(Duration.ofSeconds(30));

        ConsumerRecord<String, byte[]> record = TopicProbe.awaitKey(Topics.RUN_STARTED, runId, Duration.ofSeconds(30));
        assertEquals(sent, EventJson.mapper().readValue(record.value(), RunStarted.class));
    }

    @Test
    void extractCompletedKeepsItsEndOffsets() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        ExtractCompleted sent = new ExtractCompleted(runId, "retail", Entity.ORDERS, Status.SUCCEEDED, 3,
                Instant.parse("2026-11-21T11:25:00Z"), Instant.parse("2026-11-22T11:29:58Z"), Map.of(0, 2L, 2, 1L), null);

        events.extractCompleted(sent).await().atMost(Duration.ofSeconds(30));

        ConsumerRecord<String, byte[]> record = TopicProbe.awaitKey(Topics.EXTRACT_COMPLETED, runId, Duration.ofSeconds(30));
        assertEquals(sent, EventJson.mapper().readValue(record.value(), ExtractCompleted.class));
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
