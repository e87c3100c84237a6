package com.multistore.elt.infra;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.testing.DatabaseOutage;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A run that starts while PostgreSQL is down still holds the host: the inbox tries its event again until the run
 * is recorded, instead of dead-lettering it (a forgotten run would let the host stop under it).
 */
@QuarkusTest
class DatabaseOutageTests {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void aRunStartedWhileTheDatabaseIsDownIsRecordedOnceItAnswers() throws Exception {
        String runId = "run-outage-" + UUID.randomUUID();
        String event = EventJson.mapper().writeValueAsString(new RunStarted(runId, RunTrigger.SCHEDULE,
                Map.of("retail", LocalDate.parse("2026-11-25")), List.of()));
        DatabaseOutage.whileEventArrives(database, () -> companion.produceStrings()
                .fromRecords(new ProducerRecord<>(Topics.RUN_STARTED, runId, event)).awaitCompletion());

        long deadline = System.nanoTime() + 120_000_000_000L;
        while (database.queryForLong("select count(*) from ops.infra_run_activity where run_id = '" + runId
                + "' and finished_at is null") != 1) {
            if (System.nanoTime() > deadline) {
                fail("the run was not recorded after the database came back");
            }
            Thread.sleep(200);
        }
        assertEquals(List.of(), TopicProbe.withKey(Topics.DEAD_LETTERS, runId), "nothing dead-lettered");

        // the run completes, so it no longer holds the host (for the other tests too)
        String completed = EventJson.mapper().writeValueAsString(new TransformCompleted(runId, 1, Status.SUCCEEDED,
                List.of(), new TransformCompleted.DataQuality(0, 0, 0)));
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, runId, completed))
                .awaitCompletion();
        while (database.queryForLong("select count(*) from ops.infra_run_activity where run_id = '" + runId
                + "' and finished_at is not null") != 1) {
            if (System.nanoTime() > deadline) {
                fail("the run's completion was not recorded");
            }
            Thread.sleep(200);
        }
    }
}
