package com.multistore.elt.extractor.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.extractor.config.ExtractConfig;
import com.multistore.elt.service.store.StoresConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts runs: checks that none of the stores is still being extracted (409 otherwise), plans every store x entity,
 * records the run, publishes {@code etl.run.started}, and extracts the stores in parallel, each store's entities in
 * order (the refunds' details right after the orders that list them).
 */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);
    private static final DateTimeFormatter RUN_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Inject
    StoresConfig stores;

    @Inject
    ExtractConfig config;

    @Inject
    Clock clock;

    @Inject
    RunPlanner planner;

    @Inject
    RunLedger runs;

    @Inject
    StoreExtraction extraction;

    private volatile ExecutorService executor;

    /** Plans, records and starts a run; its extraction goes on in the background. */
    public synchronized RunStarted start(RunTrigger trigger, RunRequest request) {
        List<String> storeCodes = stores(request);
        List<Entity> entities = RunPlanner.withRefunds(request.entities().isEmpty() ? config.entities()
                : request.entities());
        if (request.from() != null && request.to() != null && !request.from().isBefore(request.to())) {
            throw new IllegalArgumentException("replay window is empty: from " + request.from() + " to " + request.to());
        }
        for (String store : storeCodes) {
            runs.activeRunOf(store).ifPresent(running -> {
                throw new RunConflictException(store, running);
            });
        }
        // A business day belongs to a store: each store's date in its own zone at the run's start.
        Instant startedAt = clock.instant();
        Map<String, LocalDate> businessDates = new TreeMap<>();
        storeCodes.forEach(store -> businessDates.put(store, LocalDate.ofInstant(startedAt, stores.zoneOf(store))));
        String runId = "run-" + LocalDate.ofInstant(startedAt, ZoneOffset.UTC).format(RUN_DAY) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<PlannedItem>> byStore = new LinkedHashMap<>();
        List<RunStarted.PlanItem> plan = new ArrayList<>();
        Map<RunStarted.PlanItem, RunLedger.Window> windows = new LinkedHashMap<>();
        for (String store : storeCodes) {
            List<Entity> ofStore = entities;
            if (planner.sweepDue(store, request)) {
                ofStore = new ArrayList<>(entities);
                ofStore.add(Entity.IDS);
            }
            PlannedItem orders = null;
            for (Entity entity : ofStore) {
                PlannedItem item = entity == Entity.REFUNDS ? RunPlanner.refundsOf(orders)
                        : planner.plan(store, entity, request, businessDates.get(store));
                if (entity == Entity.ORDERS) {
                    orders = item;
                }
                byStore.computeIfAbsent(store, s -> new ArrayList<>()).add(item);
                RunStarted.PlanItem planItem = new RunStarted.PlanItem(store, entity, item.mode());
                plan.add(planItem);
                windows.put(planItem, new RunLedger.Window(item.from(), item.to()));
            }
        }
        RunLedger.Window replay = request.from() != null || request.to() != null
                ? new RunLedger.Window(request.from(), request.to()) : null;
        RunStarted started = new RunStarted(runId, trigger, businessDates, plan);
        // the run, its plan and its etl.run.started commit together; the outbox publishes the event
        runs.record(started, replay, windows);
        LOG.infof("run %s started (%s): %s", runId, trigger, plan);
        byStore.forEach((store, items) -> executor().submit(() -> {
            try {
                extraction.extract(runId, items);
            } catch (RuntimeException e) {
                LOG.errorf(e, "run %s store %s: extraction stopped unexpectedly", runId, store);
            }
        }));
        return started;
    }

    private List<String> stores(RunRequest request) {
        List<String> configured = List.copyOf(stores.enabled().keySet());
        if (request.stores().isEmpty()) {
            if (configured.isEmpty()) {
                throw new IllegalArgumentException("no store is configured (pipeline.stores.<code>.*)");
            }
            return configured;
        }
        for (String store : request.stores()) {
            if (!configured.contains(store)) {
                throw new IllegalArgumentException("unknown or disabled store '" + store + "'; configured: " + configured);
            }
        }
        return request.stores().stream().distinct().toList();
    }

    private ExecutorService executor() {
        if (executor == null) {
            synchronized (this) {
                if (executor == null) {
                    AtomicInteger n = new AtomicInteger();
                    executor = Executors.newFixedThreadPool(config.storeThreads(), r -> {
                        Thread t = new Thread(r, "store-extraction-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return executor;
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
