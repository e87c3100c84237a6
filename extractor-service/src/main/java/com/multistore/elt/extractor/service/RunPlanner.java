package com.multistore.elt.extractor.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.extractor.config.ExtractConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Chooses each store x entity's mode and window: inventory is always a SNAPSHOT; a replay re-extracts its window
 * (paged, or bulk when asked) and moves no watermark; BULK when asked or when the store has no watermark yet (first
 * load); otherwise INCREMENTAL from the watermark minus the overlap. Deletions are always paged (INCREMENTAL): a first
 * load, or a BULK run, reads every destroy event Shopify still keeps.
 */
@ApplicationScoped
public class RunPlanner {

    @Inject
    RunLedger runs;

    @Inject
    ExtractConfig config;

    public PlannedItem plan(String store, Entity entity, RunRequest request, LocalDate businessDate) {
        if (entity == Entity.INVENTORY) {
            return new PlannedItem(store, entity, ExtractMode.SNAPSHOT, null, null, false, businessDate);
        }
        boolean pagedOnly = entity == Entity.DELETIONS;
        if (request.from() != null || request.to() != null) {
            ExtractMode mode = request.mode() == ExtractMode.BULK && !pagedOnly ? ExtractMode.BULK : ExtractMode.INCREMENTAL;
            return new PlannedItem(store, entity, mode, request.from(), request.to(), false, businessDate);
        }
        Optional<Instant> watermark = runs.watermark(store, entity);
        if (pagedOnly) {
            Instant from = request.mode() == ExtractMode.BULK ? null : watermark.map(w -> w.minus(config.overlap())).orElse(null);
            return new PlannedItem(store, entity, ExtractMode.INCREMENTAL, from, null, true, businessDate);
        }
        if (request.mode() == ExtractMode.BULK || watermark.isEmpty()) {
            return new PlannedItem(store, entity, ExtractMode.BULK, null, null, true, businessDate);
        }
        return new PlannedItem(store, entity, ExtractMode.INCREMENTAL, watermark.get().minus(config.overlap()), null, true, businessDate);
    }
}
