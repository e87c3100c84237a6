package com.multistore.elt.extractor.service;

import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Extracts one store's planned entities one after the other. Each ends with exactly one
 * {@code etl.extract.completed}: SUCCEEDED with the count, window and end offsets once every record is
 * acknowledged, or FAILED with the reason; the run never hangs silently.
 */
@ApplicationScoped
public class StoreExtraction {

    private static final Logger LOG = Logger.getLogger(StoreExtraction.class);

    @Inject
    EntityExtraction extraction;

    @Inject
    RunLedger runs;

    public void extract(String runId, List<PlannedItem> items) {
        for (PlannedItem item : items) {
            extractOne(runId, item);
        }
    }

    private void extractOne(String runId, PlannedItem item) {
        long started = System.nanoTime();
        runs.startItem(runId, item.store(), item.entity());
        LOG.infof("run %s store %s %s: extract started (%s, from %s)", runId, item.store(), item.entity().code(),
                item.mode(), item.from());
        ExtractResult result;
        try {
            result = extraction.extract(runId, item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(runId, item, "interrupted");
            return;
        } catch (Exception e) {
            fail(runId, item, e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        Instant to = result.largestUpdatedAt() != null ? result.largestUpdatedAt() : item.to();
        ExtractCompleted completed = new ExtractCompleted(runId, item.store(), item.entity(), Status.SUCCEEDED,
                result.records(), item.from(), to, result.endOffsets(), null, result.observed());
        runs.finishItem(completed, result.records(), result.cost(), result.largestUpdatedAt(),
                item.advancesWatermark());
        LOG.infof("run %s store %s %s: extract SUCCEEDED, %d records, cost %.0f, end offsets %s, %d ms", runId,
                item.store(), item.entity().code(), result.records(), result.cost(), result.endOffsets(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Records the item FAILED, with its FAILED etl.extract.completed (the outbox publishes it). */
    void fail(String runId, PlannedItem item, String reason) {
        LOG.errorf("run %s store %s %s: extract FAILED: %s", runId, item.store(), item.entity().code(), reason);
        runs.finishItem(new ExtractCompleted(runId, item.store(), item.entity(), Status.FAILED, 0, item.from(),
                item.to(), Map.of(), reason), 0, 0, null, false);
    }
}
