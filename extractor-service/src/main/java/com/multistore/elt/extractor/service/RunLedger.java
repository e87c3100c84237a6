package com.multistore.elt.extractor.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.extractor.messaging.Outbox;
import com.multistore.elt.extractor.repository.ExtractorRun;
import com.multistore.elt.extractor.repository.ExtractorRunItem;
import com.multistore.elt.extractor.repository.RunItem;
import com.multistore.elt.extractor.repository.RunView;
import com.multistore.elt.extractor.repository.Watermark;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The extractor's runs, run items and watermarks (Panache entities), each method one transaction. An event that
 * follows a write (etl.run.started, etl.extract.completed) goes to the outbox in the same transaction, so the row
 * and its event commit together. Times come from the injectable clock.
 */
@ApplicationScoped
@Transactional(rollbackOn = Exception.class)
public class RunLedger {

    private static final TypeReference<Map<String, LocalDate>> BUSINESS_DATES = new TypeReference<>() {
    };

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** Window of one planned item: where the extract starts and ends (null = unbounded). */
    public record Window(Instant from, Instant to) {
    }

    /** An item a stopped instance left unfinished. */
    public record Interrupted(String runId, String store, Entity entity, Instant from, Instant to, long records) {
    }

    /** Records a run and its plan, and writes its etl.run.started to the outbox. */
    public void record(RunStarted started, Window replay, Map<RunStarted.PlanItem, Window> windows) {
        Instant now = clock.instant();
        ExtractorRun run = new ExtractorRun();
        run.runId = started.runId();
        run.trigger = started.trigger().name();
        run.businessDates = json(started.businessDates());
        run.status = ExtractorRun.RUNNING;
        run.replayFrom = replay == null ? null : replay.from();
        run.replayTo = replay == null ? null : replay.to();
        run.startedAt = now;
        run.persist();
        for (RunStarted.PlanItem p : started.plan()) {
            Window w = windows.get(p);
            ExtractorRunItem item = new ExtractorRunItem();
            item.runId = started.runId();
            item.store = p.store();
            item.entity = p.entity().code();
            item.mode = p.mode().name();
            item.status = ExtractorRunItem.PENDING;
            item.costSpent = BigDecimal.ZERO;
            item.watermarkState = "NONE";
            item.watermarkFrom = w.from();
            item.watermarkTo = w.to();
            item.persist();
        }
        send(Topics.RUN_STARTED, started.runId(), started);
    }

    /** The run still extracting from a store, if any. */
    public Optional<String> activeRunOf(String store) {
        return ExtractorRunItem.activeRunOf(store);
    }

    public void startItem(String runId, String store, Entity entity) {
        item(runId, store, entity).ifPresent(item -> {
            item.status = ExtractorRunItem.RUNNING;
            item.startedAt = clock.instant();
        });
    }

    public void progress(String runId, String store, Entity entity, long records, double cost, String bulkOperationId) {
        item(runId, store, entity).ifPresent(item -> {
            item.records = records;
            item.costSpent = BigDecimal.valueOf(cost);
            if (bulkOperationId != null) {
                item.bulkOperationId = bulkOperationId;
            }
        });
    }

    /**
     * Ends an item and writes its etl.extract.completed to the outbox; a SUCCEEDED one with a largest updatedAt keeps
     * it as the candidate watermark. The run ends with its last item; the run is locked first, so two stores
     * finishing at once cannot both see the other still running and leave the run RUNNING.
     */
    public void finishItem(ExtractCompleted completed, long records, double cost, Instant candidate,
                           boolean keepsCandidate) {
        Instant now = clock.instant();
        ExtractorRun run = ExtractorRun.locked(completed.runId());
        ExtractorRunItem item = ExtractorRunItem.locked(completed.runId(), completed.store(), completed.entity().code())
                .orElseThrow(() -> new IllegalStateException("run " + completed.runId() + " has no item "
                        + completed.store() + "/" + completed.entity().code()));
        boolean succeeded = completed.status() == Status.SUCCEEDED;
        item.status = completed.status().name();
        item.records = records;
        item.costSpent = BigDecimal.valueOf(cost);
        item.candidateWatermark = candidate;
        item.watermarkState = succeeded && candidate != null && keepsCandidate ? ExtractorRunItem.CANDIDATE : "NONE";
        item.error = completed.error();
        item.endedAt = now;
        ExtractorRunItem.flush();
        if (run != null) {
            run.endIfDone(now);
        }
        send(Topics.EXTRACT_COMPLETED, completed.runId(), completed);
    }

    /** The run's transform succeeded: its candidates become the stores' watermarks. Returns how many moved. */
    public int advanceWatermarks(String runId) {
        Instant now = clock.instant();
        int moved = 0;
        for (ExtractorRunItem item : ExtractorRunItem.candidates(runId)) {
            if (Watermark.advance(item.store, item.entity, item.candidateWatermark, runId, now)) {
                moved++;
            }
            item.watermarkState = "ADVANCED";
        }
        return moved;
    }

    /** The run's transform failed: its candidates are dropped, the watermarks stay. Returns how many. */
    public int discardCandidates(String runId) {
        List<ExtractorRunItem> candidates = ExtractorRunItem.candidates(runId);
        candidates.forEach(item -> item.watermarkState = "DISCARDED");
        return candidates.size();
    }

    public Optional<Instant> watermark(String store, Entity entity) {
        return Watermark.of(store, entity.code());
    }

    /**
     * Items a stopped instance left unfinished, now FAILED with {@code reason}, with their runs, and each one's
     * FAILED etl.extract.completed ({@code event} makes it) in the outbox.
     */
    public List<Interrupted> failInterrupted(String reason, Function<Interrupted, ExtractCompleted> event)
            {
        Instant now = clock.instant();
        List<Interrupted> items = new ArrayList<>();
        for (ExtractorRunItem item : ExtractorRunItem.unfinishedLocked()) {
            item.status = ExtractorRunItem.FAILED;
            item.endedAt = now;
            item.error = reason;
            items.add(new Interrupted(item.runId, item.store, Entity.fromCode(item.entity), item.watermarkFrom,
                    item.watermarkTo, item.records));
        }
        ExtractorRunItem.flush();
        ExtractorRun.failRunning(reason, now);
        for (Interrupted item : items) {
            send(Topics.EXTRACT_COMPLETED, item.runId(), event.apply(item));
        }
        return items;
    }

    /** A run and the progress of each of its items, as {@code GET /runs/{id}} shows it. */
    public Optional<RunView> find(String runId) {
        return ExtractorRun.<ExtractorRun>findByIdOptional(runId).map(run -> new RunView(run.runId, run.trigger,
                businessDates(run), run.status, run.replayFrom, run.replayTo, run.startedAt, run.endedAt, run.error,
                ExtractorRunItem.ofRun(runId).stream().map(i -> new RunItem(i.store, Entity.fromCode(i.entity),
                        ExtractMode.valueOf(i.mode), i.status, i.records, i.costSpent, i.watermarkFrom, i.watermarkTo,
                        i.candidateWatermark, i.watermarkState, i.bulkOperationId, i.startedAt, i.endedAt, i.error))
                        .toList()));
    }

    /** Writes an event to the outbox within this transaction (published once it commits). */
    private void send(String topic, String runId, Object event) {
        try {
            outbox.add(topic, runId, event);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the " + topic + " event of run " + runId + ": "
                    + e.getMessage(), e);
        }
    }

    private static Optional<ExtractorRunItem> item(String runId, String store, Entity entity) {
        return ExtractorRunItem.of(runId, store, entity.code());
    }

    private static Map<String, LocalDate> businessDates(ExtractorRun run) {
        try {
            return EventJson.mapper().readValue(run.businessDates, BUSINESS_DATES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ops.extractor_runs.business_dates of " + run.runId
                    + " is not a JSON object of dates: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, LocalDate> businessDates) {
        try {
            return EventJson.mapper().writeValueAsString(businessDates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("business dates not writable as JSON: " + e.getMessage(), e);
        }
    }
}
