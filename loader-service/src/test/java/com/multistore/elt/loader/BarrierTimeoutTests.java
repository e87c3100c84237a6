package com.multistore.elt.loader;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A completion whose records never arrive: after loader.barrier.timeout the load FAILs, naming what is missing. */
@QuarkusTest
@TestProfile(BarrierTimeoutTests.ShortBarrier.class)
class BarrierTimeoutTests {

    /** The barrier gives up after 3 s (the default is 5 minutes). */
    public static class ShortBarrier implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loader.barrier.timeout", "PT3S");
        }
    }

    @Test
    void aCompletionWhoseRecordsNeverArriveFailsItsLoadAfterTheTimeout() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        try (RawTraffic traffic = new RawTraffic()) {
            traffic.completeWith(new ExtractCompleted(runId, "retail", Entity.PRODUCTS, Status.SUCCEEDED, 1_000_000,
                    null, null, Map.of(0, 1_000_000L), null));
        }
        LoadCompleted load = LoadProbe.awaitOne(runId, Duration.ofSeconds(120));
        assertEquals(Status.FAILED, load.status());
        assertTrue(load.error().startsWith("barrier timed out after PT3S: shopify.products.raw not staged up to the "
                + "announced end offsets (partition 0 at "), load.error());
        assertTrue(load.error().endsWith(", announced 1000000)"), load.error());
    }
}
