package com.multistore.elt.loader;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.loader.service.LoadService;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LoadEventsTests {

    @Inject
    LoadService loads;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void aDeclaredLoadIsRecordedWithItsEventWhichReachesTheBroker() throws Exception {
        String runId = "run-" + UUID.randomUUID();

        LoadCompleted declared = loads.declare(runId, "wholesale", Entity.CUSTOMERS, "barrier timeout", null);

        assertEquals(new LoadCompleted(runId, "wholesale", Entity.CUSTOMERS, Status.FAILED, 0, 0, null,
                "barrier timeout"), declared);
        var record = TopicProbe.awaitKey(Topics.LOAD_COMPLETED, runId, Duration.ofSeconds(30));
        assertEquals(declared, EventJson.mapper().readValue(record.value(), LoadCompleted.class));
        assertEquals(1, database.queryForLong("select count(*) from ops.loader_loads where run_id = '" + runId + "'"));
        assertEquals(1, database.queryForLong("select count(*) from ops.outbox where event_key = '" + runId
                + "' and topic = 'etl.load.completed'"));
    }

    @Test
    void stagingTablesAreMigratedWithTheirKeys() throws Exception {
        for (Entity entity : Entity.values()) {
            assertEquals(3, database.queryForLong("""
                    select count(*) from information_schema.key_column_usage k
                    join information_schema.table_constraints c using (constraint_schema, constraint_name)
                    where c.constraint_type = 'PRIMARY KEY' and k.table_schema = 'staging'
                      and k.table_name = '%s' and k.column_name in ('run_id', 'store', 'gid')""".formatted(entity.code())),
                    "staging." + entity.code() + " is keyed by (run_id, store, gid)");
        }
    }
}
