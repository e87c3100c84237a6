package com.multistore.elt.extractor.service;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An extract left running by a stopped instance is failed at start-up and announced FAILED: its run cannot hang. */
@QuarkusTest
class InterruptedRunsTests {

    @Inject
    InterruptedRuns interruptedRuns;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void anExtractLeftRunningIsFailedAndAnnounced() throws Exception {
        String runId = "run-stopped-" + UUID.randomUUID();
        database.execute("insert into ops.extractor_runs (run_id, trigger, business_dates, status) values ('" + runId
                + "', 'SCHEDULE', '{}', 'RUNNING')");
        database.execute("insert into ops.extractor_run_items (run_id, store, entity, mode, status, records) values ('"
                + runId + "', 'ghost', 'customers', 'INCREMENTAL', 'RUNNING', 42)");

        interruptedRuns.onStart(null);

        ExtractCompleted event = EventJson.mapper().readValue(
                TopicProbe.awaitKey(Topics.EXTRACT_COMPLETED, runId, Duration.ofSeconds(60)).value(), ExtractCompleted.class);
        assertEquals(Status.FAILED, event.status());
        assertEquals("ghost", event.store());
        assertTrue(event.error().contains("stopped"), event.error());
        assertEquals(1, database.queryForLong("select count(*) from ops.extractor_runs where run_id = '" + runId
                + "' and status = 'FAILED'"));
        assertEquals(0, database.queryForLong("select count(*) from ops.extractor_run_items where run_id = '" + runId
                + "' and status <> 'FAILED'"));
    }
}
