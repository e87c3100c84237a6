package com.multistore.elt.transformer;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import com.multistore.elt.transformer.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TransformEventsTests {

    @Inject
    Outbox outbox;

    @InjectTestDatabase
    TestDatabase database;

    private static TransformCompleted outcome(String runId) {
        return new TransformCompleted(runId, 1, Status.SUCCEEDED,
                List.of(new TransformCompleted.JobResult("dim_customers", Status.SUCCEEDED, 40, 1, 120, null)),
                new TransformCompleted.DataQuality(9, 1, 0));
    }

    @Test
    void anEventWrittenInACommittedTransactionReachesTheBrokerAndIsMarkedPublished() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        TransformCompleted sent = outcome(runId);

        QuarkusTransaction.requiringNew().call(() -> {
            outbox.add(Topics.TRANSFORM_COMPLETED, runId, sent);
            return null;
        });

        var record = TopicProbe.awaitKey(Topics.TRANSFORM_COMPLETED, runId, Duration.ofSeconds(30));
        assertEquals(sent, EventJson.mapper().readValue(record.value(), TransformCompleted.class));
        awaitPublished(runId);
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverPublished() throws Exception {
        String rolledBack = "run-" + UUID.randomUUID();
        String after = "run-" + UUID.randomUUID();

        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            try {
                outbox.add(Topics.TRANSFORM_COMPLETED, rolledBack, outcome(rolledBack));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("the write this event follows failed");
        }));
        QuarkusTransaction.requiringNew().call(() -> {
            outbox.add(Topics.TRANSFORM_COMPLETED, after, outcome(after));
            return null;
        });

        // the relay publishes in order: once the later event is on the topic, the rolled-back one would be too
        TopicProbe.awaitKey(Topics.TRANSFORM_COMPLETED, after, Duration.ofSeconds(30));
        assertEquals(0, TopicProbe.withKey(Topics.TRANSFORM_COMPLETED, rolledBack).size());
        assertEquals(0, database.queryForLong("select count(*) from ops.outbox where event_key = '" + rolledBack + "'"));
    }

    @Test
    void anEventLeftUnpublishedByACrashIsPublishedOnceByTheRelay() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        // what a process killed after its commit and before its send leaves behind
        database.execute("insert into ops.outbox (service, topic, event_key, payload) values ('transformer-service', '"
                + Topics.TRANSFORM_COMPLETED + "', '" + runId + "', '"
                + EventJson.mapper().writeValueAsString(outcome(runId)) + "')");

        TopicProbe.awaitKey(Topics.TRANSFORM_COMPLETED, runId, Duration.ofSeconds(30));
        awaitPublished(runId);
        Thread.sleep(3000); // several relay rounds
        assertEquals(1, TopicProbe.withKey(Topics.TRANSFORM_COMPLETED, runId).size());
    }

    @Test
    void theRunLogKeepsOneRowPerRunAndJob() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        database.execute("insert into ops.etl_run_log (run_id, job, status, started_at) values ('" + runId
                + "', 'fact_orders', 'RUNNING', now())");
        assertThrows(SQLException.class, () -> database.execute("insert into ops.etl_run_log (run_id, job, status, started_at)"
                + " values ('" + runId + "', 'fact_orders', 'RUNNING', now())"));
        assertEquals(1, database.queryForLong("select count(*) from ops.etl_run_log where run_id = '" + runId + "'"));
    }

    private void awaitPublished(String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (database.queryForLong("select count(*) from ops.outbox where event_key = '" + runId
                + "' and published_at is not null") == 0) {
            assertTrue(System.nanoTime() < deadline, "outbox row of " + runId + " not marked published");
            Thread.sleep(100);
        }
    }
}
