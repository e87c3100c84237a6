package com.multistore.elt.loader.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.loader.archive.ArchiveDayReader;
import com.multistore.elt.loader.archive.ArchiveKeys;
import com.multistore.elt.loader.archive.RawArchive;
import com.multistore.elt.loader.messaging.KafkaDayReader;
import com.multistore.elt.events.Topics;
import com.multistore.elt.loader.messaging.Outbox;
import com.multistore.elt.loader.repository.LoadRepository;
import com.multistore.elt.loader.repository.ReplayRepository;
import com.multistore.elt.service.store.StoresConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-stages a business day under a new run id (trigger REPLAY), read from Kafka or from the archive, one replay at a
 * time in the background. Replay rows carry their own run id, so they never mix with the live consumer's; once the
 * day is staged it publishes {@code etl.run.started} and one {@code etl.load.completed} per (store, entity), so the
 * transformer and notifier handle it like any run.
 */
@ApplicationScoped
public class ReplayService {

    private static final Logger LOG = Logger.getLogger(ReplayService.class);

    @Inject
    KafkaDayReader kafka;

    @Inject
    ArchiveDayReader archiveReader;

    @Inject
    RawArchive archive;

    @Inject
    StagingService staging;

    @Inject
    LoadService loads;

    @Inject
    LoadRepository loadRepository;

    @Inject
    ReplayRepository replays;

    @Inject
    Outbox outbox;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StoresConfig storesConfig;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "loader-replay"));

    /** A validated replay, ready to run. */
    public record Replay(String runId, LocalDate date, String source, Set<String> stores, List<Entity> entities) {
    }

    /**
     * The entities asked, with the refunds' details right after the orders when they were not asked: as in the
     * extractor's runs, the details of an order's refunds follow the order (its refund lines would otherwise be missing
     * from a warehouse rebuilt by replays).
     */
    static List<Entity> withRefunds(List<Entity> entities) {
        if (!entities.contains(Entity.ORDERS) || entities.contains(Entity.REFUNDS)) {
            return entities;
        }
        List<Entity> out = new ArrayList<>(entities);
        out.add(out.indexOf(Entity.ORDERS) + 1, Entity.REFUNDS);
        return out;
    }

    /** Validates the request, records the replay run and starts it; throws IllegalArgumentException on bad input. */
    public Replay start(ReplayRequest request) throws SQLException {
        if (request == null || request.businessDate() == null) {
            throw new IllegalArgumentException("businessDate (yyyy-MM-dd) is required");
        }
        String source = request.source() == null ? "kafka" : request.source().trim().toLowerCase();
        if (!source.equals("kafka") && !source.equals("archive")) {
            throw new IllegalArgumentException("source must be kafka or archive, not '" + request.source() + "'");
        }
        List<Entity> entities = request.entities() == null || request.entities().isEmpty()
                ? Arrays.asList(Entity.values())
                : withRefunds(request.entities().stream().map(Entity::fromCode).distinct().toList());
        Set<String> stores = request.stores() == null || request.stores().isEmpty() ? null
                : new TreeSet<>(request.stores().stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        if (stores != null) {
            stores.forEach(storesConfig::store); // an unknown store is refused (400), naming the configured ones
        }
        String runId = "replay-" + request.businessDate() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Replay replay = new Replay(runId, request.businessDate(), source, stores, entities);
        replays.start(runId, replay.date(), source, stores == null ? null : List.copyOf(stores), entities);
        LOG.infof("run %s: replay of %s from %s started (stores %s, entities %s)", runId, replay.date(), source,
                stores == null ? "all" : stores, entities.stream().map(Entity::code).toList());
        worker.execute(() -> run(replay));
        return replay;
    }

    private void run(Replay replay) {
        AtomicLong staged = new AtomicLong();
        long read = 0;
        try {
            DayReader reader = replay.source().equals("archive") ? archiveReader : kafka;
            read = reader.read(replay.date(), replay.stores(), replay.entities(),
                    batch -> staged.addAndGet(staging.stageReplay(batch, replay.runId()).staged()));
            List<RunStarted.PlanItem> plan = plan(replay);
            outbox.add(Topics.RUN_STARTED, replay.runId(), started(replay, plan));
            for (RunStarted.PlanItem item : plan) {
                String archiveUri = replay.source().equals("archive")
                        ? archive.uri(ArchiveKeys.dayPrefix(item.store(), item.entity(), replay.date())) : null;
                loads.declare(replay.runId(), item.store(), item.entity(), null, archiveUri);
            }
            replays.end(replay.runId(), "SUCCEEDED", read, null);
            LOG.infof("run %s: replay of %s from %s done: %d records read, %d rows staged, %d loads", replay.runId(),
                    replay.date(), replay.source(), read, staged.get(), plan.size());
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.errorf(e, "run %s: replay of %s failed: %s", replay.runId(), replay.date(), error);
            fail(replay, read, error);
        }
    }

    /** A failed replay still tells the pipeline: the run starts and each of its loads FAILs (rule 2). */
    private void fail(Replay replay, long read, String error) {
        try {
            List<RunStarted.PlanItem> plan = plan(replay);
            if (!plan.isEmpty()) {
                outbox.add(Topics.RUN_STARTED, replay.runId(), started(replay, plan));
                for (RunStarted.PlanItem item : plan) {
                    loads.declare(replay.runId(), item.store(), item.entity(), "replay failed: " + error, null);
                }
            }
            replays.end(replay.runId(), "FAILED", read, error);
        } catch (Exception e) {
            LOG.errorf(e, "run %s: could not record the failed replay", replay.runId());
        }
    }

    /** The replay run: the replayed day is the business date of each of its stores. */
    private static RunStarted started(Replay replay, List<RunStarted.PlanItem> plan) {
        Map<String, LocalDate> dates = new TreeMap<>();
        plan.forEach(item -> dates.put(item.store(), replay.date()));
        return new RunStarted(replay.runId(), RunTrigger.REPLAY, dates, plan);
    }

    /** The requested stores x entities, or, without stores, every store the day had records for. */
    private List<RunStarted.PlanItem> plan(Replay replay) throws SQLException {
        Set<Map.Entry<String, Entity>> pairs = new LinkedHashSet<>();
        if (replay.stores() != null) {
            for (String store : replay.stores()) {
                replay.entities().forEach(e -> pairs.add(Map.entry(store, e)));
            }
        } else {
            try (Connection connection = dataSource.getConnection()) {
                pairs.addAll(loadRepository.runStores(connection, replay.runId()));
            }
        }
        List<RunStarted.PlanItem> plan = new ArrayList<>();
        pairs.forEach(p -> plan.add(new RunStarted.PlanItem(p.getKey(), p.getValue(),
                p.getValue() == Entity.INVENTORY ? ExtractMode.SNAPSHOT
                        : p.getValue() == Entity.IDS ? ExtractMode.BULK : ExtractMode.INCREMENTAL)));
        return plan;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
