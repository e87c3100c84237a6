package com.multistore.elt.extractor.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.extractor.config.ExtractConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses each store x entity's mode and window: inventory is always a SNAPSHOT; a replay re-extracts its window
 * (paged, or bulk when asked) and moves no watermark; BULK when asked or when the store has no watermark yet (first
 * load); otherwise INCREMENTAL from the watermark minus the overlap. Deletions are always paged (INCREMENTAL): a first
 * load, or a BULK run, reads every destroy event Shopify still keeps. The id sweep (IDS) is a BULK listing of what
 * exists now, never a window; it is due when the store has been loaded before and its last sweep is older than
 * {@code pipeline.extract.sweep-every}. The refunds' details (REFUNDS) follow the orders: asked by the GIDs of the
 * refunds the run's orders list, over the orders' window, moving no watermark of their own.
 */
@ApplicationScoped
public class RunPlanner {

    @Inject
    RunLedger runs;

    @Inject
    ExtractConfig config;

    @Inject
    Clock clock;

    public PlannedItem plan(String store, Entity entity, RunRequest request, LocalDate businessDate) {
        if (entity == Entity.IDS) {
            if (request.from() != null || request.to() != null) {
                throw new IllegalArgumentException("the id sweep (entity ids) lists what a store has now: it has no"
                        + " window to replay");
            }
            return new PlannedItem(store, entity, ExtractMode.BULK, null, null, true, businessDate);
        }
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

    /**
     * The entities in the order a store extracts them, the refunds right after the orders (added when the orders are
     * there): a refund's details are asked for the refunds the run's orders list. Refunds without orders are refused.
     */
    public static List<Entity> withRefunds(List<Entity> entities) {
        if (entities.contains(Entity.REFUNDS) && !entities.contains(Entity.ORDERS)) {
            throw new IllegalArgumentException("refunds are the details of the refunds the run's orders list: ask for"
                    + " orders too (their refunds follow them)");
        }
        List<Entity> ordered = new ArrayList<>();
        for (Entity entity : entities) {
            if (entity == Entity.REFUNDS || ordered.contains(entity)) {
                continue;
            }
            ordered.add(entity);
            if (entity == Entity.ORDERS) {
                ordered.add(Entity.REFUNDS);
            }
        }
        return ordered;
    }

    /** The refunds item after a store's orders item: paged by GID, over the orders' window, moving no watermark. */
    public static PlannedItem refundsOf(PlannedItem orders) {
        return new PlannedItem(orders.store(), Entity.REFUNDS, ExtractMode.INCREMENTAL, orders.from(), orders.to(),
                false, orders.businessDate());
    }

    /**
     * Whether a run of all entities adds the store's id sweep: not for a replay, nor on the store's first load (the
     * warehouse has nothing of it to sweep), otherwise when its last successful sweep is older than the setting.
     */
    public boolean sweepDue(String store, RunRequest request) {
        if (request.from() != null || request.to() != null || !request.entities().isEmpty()
                || runs.watermark(store, Entity.ORDERS).isEmpty()) {
            return false;
        }
        Optional<Instant> lastSweep = runs.watermark(store, Entity.IDS);
        return lastSweep.isEmpty() || !lastSweep.get().isAfter(clock.instant().minus(config.sweepEvery()));
    }
}
