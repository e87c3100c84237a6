package com.multistore.elt.transformer;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import com.multistore.elt.transformer.messaging.TransformEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
class TransformEventsTests {

    @Inject
    TransformEvents events;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void transformCompletedRoundTripsThroughTheBroker() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        TransformCompleted sent = new TransformCompleted(runId, 1, Status.SUCCEEDED,
                List.of(new TransformCompleted.JobResult("dim_customers", Status.SUCCEEDED, 40, 1, 120, null)),
                new TransformCompleted.DataQuality(9, 1, 0));

        events.transformCompleted(sent).await().atMost(Duration.ofSeconds(30));

        var record = TopicProbe.awaitKey(Topics.TRANSFORM_COMPLETED, runId, Duration.ofSeconds(30));
        assertEquals(sent, EventJson.mapper().readValue(record.value(), TransformCompleted.class));
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
}
