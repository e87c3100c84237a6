package com.multistore.elt.extractor.messaging;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.testing.TopicProbe;
import com.multistore.elt.testing.DatabaseOutage;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rule 4 on the real broker and database: a run's candidate watermarks become {@code ops.watermarks} only when its
 * {@code etl.transform.completed} is SUCCEEDED; a FAILED transform discards them and the watermark stays.
 */
@QuarkusTest
class WatermarkTests {

    @InjectTestDatabase
    TestDatabase database;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aSucceededTransformAdvancesTheWatermarkAndAFailedOneDoesNot() throws Exception {
        String store = "wm-" + UUID.randomUUID().toString().substring(0, 8);
        String first = candidateRun(store, "2026-11-21T10:00:00Z");
        send(first, Status.SUCCEEDED);
        awaitState(first, "ADVANCED");
        assertEquals(Instant.parse("2026-11-21T10:00:00Z").getEpochSecond(), watermarkEpoch(store));

        String second = candidateRun(store, "2026-11-22T10:00:00Z");
        send(second, Status.FAILED);
        awaitState(second, "DISCARDED");
        assertEquals(Instant.parse("2026-11-21T10:00:00Z").getEpochSecond(), watermarkEpoch(store),
                "the watermark did not move for the failed transform");
    }

    @Test
    void anOlderCandidateNeverMovesTheWatermarkBack() throws Exception {
        String store = "wm-" + UUID.randomUUID().toString().substring(0, 8);
        String newer = candidateRun(store, "2026-11-22T10:00:00Z");
        send(newer, Status.SUCCEEDED);
        awaitState(newer, "ADVANCED");
        String older = candidateRun(store, "2026-11-20T10:00:00Z");
        send(older, Status.SUCCEEDED);
        awaitState(older, "ADVANCED");

        assertEquals(Instant.parse("2026-11-22T10:00:00Z").getEpochSecond(), watermarkEpoch(store));
    }

    @Test
    void aRedeliveredOutcomeChangesNothing() throws Exception {
        String store = "wm-dup-" + UUID.randomUUID().toString().substring(0, 8);
        String first = candidateRun(store, "2026-11-21T10:00:00Z");
        send(first, Status.SUCCEEDED);
        awaitState(first, "ADVANCED");
        String second = candidateRun(store, "2026-11-22T10:00:00Z");
        send(second, Status.SUCCEEDED);
        awaitState(second, "ADVANCED");

        // the first run's event again (and a FAILED copy), then a marker run's event with the same key: the same
        // partition, so it is handled after the copies
        send(first, first, Status.SUCCEEDED);
        send(first, first, Status.FAILED);
        String marker = candidateRun("wm-marker-" + UUID.randomUUID().toString().substring(0, 8), "2026-11-23T10:00:00Z");
        send(first, marker, Status.SUCCEEDED);
        awaitState(marker, "ADVANCED");

        assertEquals(Instant.parse("2026-11-22T10:00:00Z").getEpochSecond(), watermarkEpoch(store));
        assertEquals(second, database.queryForString("select run_id from ops.watermarks where store = '" + store
                + "' and entity = 'orders'"), "the watermark is still the second run's");
        assertEquals(1, database.queryForLong("select count(*) from ops.extractor_run_items where run_id = '" + first
                + "' and watermark_state = 'ADVANCED'"), "the first run's candidate stays ADVANCED, not DISCARDED");
    }

    @Test
    void anOutcomeArrivingWhileTheDatabaseIsDownAdvancesTheWatermarkOnceItAnswers() throws Exception {
        String store = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String run = candidateRun(store, "2026-11-24T10:00:00Z");
        DatabaseOutage.whileEventArrives(database, () -> {
            send(run, Status.SUCCEEDED);
            return null;
        });
        awaitState(run, "ADVANCED");
        assertEquals(Instant.parse("2026-11-24T10:00:00Z").getEpochSecond(), watermarkEpoch(store));
        assertEquals(List.of(), TopicProbe.withKey(Topics.DEAD_LETTERS, run), "nothing dead-lettered");
    }

    @Test
    void anUnreadableOutcomeIsDeadLetteredOnceAndTheNextOneStillAdvances() throws Exception {
        String key = "run-garbage-" + UUID.randomUUID();
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, key, "{\"runId\": ".getBytes()))
                .awaitCompletion(Duration.ofSeconds(60));
        var dead = TopicProbe.awaitKey(Topics.DEAD_LETTERS, key, Duration.ofSeconds(60));
        assertEquals("extractor-service", TopicProbe.header(dead, DeadLetterHeaders.SERVICE));
        assertEquals(Topics.TRANSFORM_COMPLETED, TopicProbe.header(dead, DeadLetterHeaders.SOURCE_TOPIC));
        String store = "after-garbage-" + UUID.randomUUID().toString().substring(0, 8);
        String run = candidateRun(store, "2026-11-23T10:00:00Z");
        send(run, Status.SUCCEEDED);
        awaitState(run, "ADVANCED");
        assertEquals(1, TopicProbe.withKey(Topics.DEAD_LETTERS, key).size(), "dead-lettered exactly once");
    }

    private String candidateRun(String store, String candidate) throws Exception {
        String runId = "run-wm-" + UUID.randomUUID();
        database.execute("insert into ops.extractor_runs (run_id, trigger, business_dates, status) values ('"
                + runId + "', 'MANUAL', '{}', 'SUCCEEDED')");
        database.execute("insert into ops.extractor_run_items (run_id, store, entity, mode, status, records,"
                + " candidate_watermark, watermark_state) values ('" + runId + "', '" + store
                + "', 'orders', 'INCREMENTAL', 'SUCCEEDED', 3, '" + candidate + "', 'CANDIDATE')");
        return runId;
    }

    private void send(String runId, Status status) throws Exception {
        send(runId, runId, status);
    }

    private void send(String key, String runId, Status status) throws Exception {
        byte[] value = EventJson.mapper().writeValueAsBytes(new TransformCompleted(runId, 1, status, List.of(),
                new TransformCompleted.DataQuality(10, 0, status == Status.SUCCEEDED ? 0 : 1)));
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, key, value))
                .awaitCompletion(Duration.ofSeconds(60));
    }

    private void awaitState(String runId, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (database.queryForLong("select count(*) from ops.extractor_run_items where run_id = '" + runId
                    + "' and watermark_state = '" + state + "'") == 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " never reached watermark state " + state);
    }

    private long watermarkEpoch(String store) throws Exception {
        return database.queryForLong("select extract(epoch from watermark)::bigint from ops.watermarks where store = '"
                + store + "' and entity = 'orders'");
    }
}
