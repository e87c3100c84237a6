package com.multistore.elt.transformer;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.testing.DatabaseOutage;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Run events that arrive while PostgreSQL is down are transient failures, not poison: the inbox tries them again,
 * and once the database answers the run is recorded and merged as if nothing happened; nothing reaches etl.dlq.
 */
@QuarkusTest
class DatabaseOutageTests extends TransformTestsBase {

    @Test
    void runEventsArrivingWhileTheDatabaseIsDownAreHandledOnceItAnswers() throws Exception {
        String runId = newRunId();
        long orderId = Staging.nextId();
        Staging.stage(database, "orders", runId, "retail", Staging.order(orderId, "2026-11-21T11:00:00Z", "PAID", null));
        DatabaseOutage.whileEventArrives(database, () -> {
            EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.SCHEDULE,
                    Map.of("retail", LocalDate.of(2026, 11, 25)),
                    List.of(new RunStarted.PlanItem("retail", Entity.ORDERS, ExtractMode.INCREMENTAL))));
            EventSender.send(Topics.LOAD_COMPLETED, runId,
                    new LoadCompleted(runId, "retail", Entity.ORDERS, Status.SUCCEEDED, 1, 0, null, null));
            return null;
        });

        assertEquals(Status.SUCCEEDED, RunOrchestrationTests.awaitEvent(runId).status());
        assertEquals("SUCCEEDED", queryForString("select status from ops.etl_runs where run_id = '" + runId + "'"));
        assertEquals(1, database.queryForLong("select count(*) from warehouse.fact_orders where store = 'retail'"
                + " and order_id = " + orderId));
        assertEquals(List.of(), TopicProbe.withKey(Topics.DEAD_LETTERS, runId), "nothing dead-lettered");
    }
}
