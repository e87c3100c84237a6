package com.multistore.elt.extractor.service;

import com.multistore.elt.events.Entity;
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
 * acknowledged, or FAILED with the reason; the run never hangs silently. The refunds item comes right after the
 * orders and asks the details of the refunds those orders listed; when the orders failed, it fails too (it has no
 * refund to ask for).
 */
@ApplicationScoped
public class StoreExtraction {

    private static final Logger LOG = Logger.getLogger(StoreExtraction.class);

    @Inject
    EntityExtraction extraction;

    @Inject
    RunLedger runs;

    public void extract(String runId, List<PlannedItem> items) {
        List<String> refundIds = null; // the refunds the store's orders listed, once they are extracted
        for (PlannedItem item : items) {
            if (item.entity() == Entity.REFUNDS && refundIds == null) {
                runs.startItem(runId, item.store(), item.entity());
                fail(runId, item, "the refunds' details follow the run's orders of the store, and those were not"
                        + " extracted (FAILED): no refund to ask for");
                continue;
            }
            ExtractResult result = extractOne(runId, item, refundIds == null ? List.of() : refundIds);
            if (item.entity() == Entity.ORDERS && result != null) {
                refundIds = result.refundIds();
            }
        }
    }

    /** Returns what the item published, or null when it FAILED. */
    private ExtractResult extractOne(String runId, PlannedItem item, List<String> refundIds) {
        long started = System.nanoTime();
        runs.startItem(runId, item.store(), item.entity());
        LOG.infof("run %s store %s %s: extract started (%s, from %s)", runId, item.store(), item.entity().code(),
                item.mode(), item.from());
        ExtractResult result;
        try {
            result = extraction.extract(runId, item, refundIds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(runId, item, "interrupted");
            return null;
        } catch (Exception e) {
            fail(runId, item, e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        }
        Instant to = result.largestUpdatedAt() != null ? result.largestUpdatedAt() : item.to();
        ExtractCompleted completed = new ExtractCompleted(runId, item.store(), item.entity(), Status.SUCCEEDED,
                result.records(), item.from(), to, result.endOffsets(), null, result.observed());
        runs.finishItem(completed, result.records(), result.cost(), result.largestUpdatedAt(),
                item.advancesWatermark());
        LOG.infof("run %s store %s %s: extract SUCCEEDED, %d records, cost %.0f, end offsets %s, %d ms", runId,
                item.store(), item.entity().code(), result.records(), result.cost(), result.endOffsets(),
                (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    /** Records the item FAILED, with its FAILED etl.extract.completed (the outbox publishes it). */
    void fail(String runId, PlannedItem item, String reason) {
        LOG.errorf("run %s store %s %s: extract FAILED: %s", runId, item.store(), item.entity().code(), reason);
        runs.finishItem(new ExtractCompleted(runId, item.store(), item.entity(), Status.FAILED, 0, item.from(),
                item.to(), Map.of(), reason), 0, 0, null, false);
    }
}
