package com.multistore.elt.loader;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.testing.DatabaseOutage;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Raw records and extract completions that arrive while PostgreSQL is down are transient failures: the event inbox
 * tries the batch and the completion again, the channels stay alive, and once the database answers every record is
 * staged once and the load declared; nothing reaches etl.dlq.
 */
@QuarkusTest
class DatabaseOutageTests {

    private static final int RECORDS = 12;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void recordsAndTheirCompletionArrivingWhileTheDatabaseIsDownAreStagedOnceItAnswers() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        String store = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        try (RawTraffic traffic = new RawTraffic()) {
            DatabaseOutage.whileEventArrives(database, () -> {
                for (int n = 1; n <= RECORDS; n++) {
                    traffic.send(runId, store, Entity.CUSTOMERS, n);
                }
                traffic.flush();
                traffic.complete(runId, store, Entity.CUSTOMERS, RECORDS);
                return null;
            });
        }

        LoadCompleted load = LoadProbe.awaitOne(runId, Duration.ofSeconds(120));
        assertEquals(Status.SUCCEEDED, load.status(), () -> "load: " + load);
        assertEquals(RECORDS, load.stagedCount());
        assertEquals(0, load.deadLetteredCount());
        assertEquals(RECORDS, database.queryForLong("select count(*) from staging.customers where run_id = '" + runId + "'"));
        assertEquals(List.of(), TopicProbe.withKey(Topics.DEAD_LETTERS, runId), "nothing dead-lettered");
    }
}
