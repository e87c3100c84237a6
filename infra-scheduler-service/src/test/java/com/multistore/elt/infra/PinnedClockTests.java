package com.multistore.elt.infra;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.infra.service.HostHolds;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the clock pinned days before the database's now (as the end-to-end suite's pinned profile runs every
 * service), a run this service recorded still holds the host: its start and the "too old to count" cutoff are
 * measured by the same clock, not one by the service and the other by the database.
 */
@QuarkusTest
@TestProfile(PinnedClockTests.PinnedClock.class)
class PinnedClockTests {

    static final String PINNED = "2026-11-24T21:57:00Z";

    public static class PinnedClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline.clock.fixed", PINNED);
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    HostHolds holds;

    @Test
    void aRunRecordedUnderAnOldPinnedClockHoldsTheHostUntilItCompletes() throws Exception {
        String runId = "run-pinned-" + UUID.randomUUID();
        produce(Topics.RUN_STARTED, runId, EventJson.mapper().writeValueAsString(new RunStarted(runId,
                RunTrigger.SCHEDULE, Map.of("retail", LocalDate.parse("2026-11-24")), List.of())));
        awaitCount("select count(*) from ops.infra_run_activity where run_id = '" + runId + "' and finished_at is null", 1);
        assertEquals(PINNED, database.queryForString("select to_char(started_at at time zone 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from ops.infra_run_activity where run_id = '" + runId + "'"),
                "the start is the service's (pinned) time");
        assertTrue(database.queryForLong("select count(*) from ops.infra_run_activity where run_id = '" + runId
                + "' and started_at < now() - interval '1 day'") == 1, "the pinned start is days before the database's now");

        assertTrue(holds.runsInProgress().contains(runId), "the run holds the host: " + holds.runsInProgress());

        produce(Topics.TRANSFORM_COMPLETED, runId, EventJson.mapper().writeValueAsString(new TransformCompleted(runId, 1,
                Status.SUCCEEDED, List.of(), new TransformCompleted.DataQuality(1, 0, 0))));
        awaitCount("select count(*) from ops.infra_run_activity where run_id = '" + runId + "' and finished_at is not null", 1);
        assertFalse(holds.runsInProgress().contains(runId), "a completed run no longer holds the host");
    }

    private void produce(String topic, String key, String value) {
        companion.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion();
    }

    private void awaitCount(String query, long expected) throws Exception {
        database.awaitLong(query, expected, Duration.ofSeconds(120));
    }
}
