package com.multistore.elt.transformer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.multistore.elt.events.EventJson;
import com.fasterxml.jackson.core.type.TypeReference;
import com.multistore.elt.events.DeadLetterReason;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.Status;
import com.multistore.elt.transformer.repository.EtlRun;
import com.multistore.elt.transformer.repository.EtlRunLoad;
import com.multistore.elt.transformer.repository.RunLogEntry;
import com.multistore.elt.transformer.repository.RunRepository;
import com.multistore.elt.transformer.repository.RunRepository.BarrierState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The transformer's runs, loads and run log: row by row through Panache entities ({@link EtlRun},
 * {@link EtlRunLoad}, {@link RunLogEntry}); the barrier's set-based reads in {@code sql/ops/transformer}. Each method
 * is one transaction, or joins the caller's (an outcome and its event commit together).
 */
@ApplicationScoped
@Transactional(rollbackOn = Exception.class)
public class RunLedger {

    /** An attempt claimed for a run, and when (ops.etl_runs.transform_started_at: the attempt's "now"). */
    public record Claim(int attempt, String businessDatesJson, Instant claimedAt) {
    }

    private final RunRepository barrier;
    private final Clock clock;

    public RunLedger(RunRepository barrier, Clock clock) {
        this.barrier = barrier;
        this.clock = clock;
    }

    /** Records a run from its etl.run.started; a redelivered event changes nothing. */
    public void recordRun(RunStarted run) throws JsonProcessingException {
        EtlRun.record(run.runId(), run.trigger().name(), EventJson.mapper().writeValueAsString(run.businessDates()),
                EventJson.mapper().writeValueAsString(run.plan()));
    }

    public void recordLoad(LoadCompleted load) throws JsonProcessingException {
        EtlRunLoad.record(load.runId(), load.store(), load.entity().code(), load.status().name(), load.stagedCount(),
                load.deadLetteredCount(), load.error(),
                EventJson.mapper().writeValueAsString(load.deadLetterReasons()),
                load.extracted() == null ? null : EventJson.mapper().writeValueAsString(load.extracted()));
    }

    /** The run's dead letters per store x entity, with their reasons, as the loads said. */
    public List<TransformCompleted.DeadLetters> deadLetters(String runId) throws JsonProcessingException {
        List<TransformCompleted.DeadLetters> letters = new java.util.ArrayList<>();
        for (EtlRunLoad load : EtlRunLoad.withDeadLetters(runId)) {
            List<DeadLetterReason> reasons = EventJson.mapper().readValue(load.deadLetterReasons,
                    new TypeReference<List<DeadLetterReason>>() { });
            letters.add(new TransformCompleted.DeadLetters(load.store, Entity.fromCode(load.entity),
                    load.deadLetteredCount, reasons));
        }
        return letters;
    }

    public Optional<BarrierState> barrier(String runId) throws SQLException {
        return barrier.barrier(runId);
    }

    /** Claims attempt 1 of the run at the clock's now; empty when it was claimed before (or is unknown or finished). */
    public Optional<Claim> claimFirstAttempt(String runId) {
        return EtlRun.claimFirstAttempt(runId, now()).map(RunLedger::claim);
    }

    /** Claims the next attempt of a run transformed before; empty when it never was. */
    public Optional<Claim> claimReplay(String runId) {
        return EtlRun.claimNextAttempt(runId, now()).map(RunLedger::claim);
    }

    public void finish(String runId, int attempt, Status status, String error) {
        EtlRun.finish(runId, attempt, status.name(), error);
    }

    /** Runs whose merges were started but never finished (the service stopped mid-run), oldest first. */
    public List<String> interruptedRuns() {
        return EtlRun.<EtlRun>list("status = ?1 and transformAttempts > 0 order by startedAt", EtlRun.RUNNING).stream()
                .map(run -> run.runId).toList();
    }

    /** Runs still waiting for their planned loads after the barrier timeout. */
    public List<String> expiredRuns(Duration timeout) throws SQLException {
        return barrier.expiredRuns(timeout);
    }

    /** Runs with loads but no etl.run.started, the first load older than {@code timeout}. */
    public List<String> unannouncedRuns(Duration timeout) throws SQLException {
        return barrier.unannouncedRuns(timeout);
    }

    /** The earliest unfinished run started before this one that shares a store with it. */
    public Optional<RunRepository.Blocker> earlierUnfinishedRun(String runId) throws SQLException {
        return barrier.earlierUnfinishedRun(runId);
    }

    /** Runs fully loaded that no attempt has claimed yet, oldest first. */
    public List<String> readyRuns() throws SQLException {
        return barrier.readyRuns();
    }

    /** The run's loads whose staging rows are gone, described; empty when all are there. */
    public Optional<String> stagingGone(String runId) throws SQLException {
        return barrier.stagingGone(runId);
    }

    /** Records a run known only by its loads (trigger UNKNOWN), RUNNING, so that it can be claimed and failed. */
    public void recordUnannouncedRun(String runId) throws SQLException {
        barrier.recordUnannouncedRun(runId);
    }

    /** A try of a job starts; returns how many tries the job has had in this attempt so far. */
    public int tryStarted(String runId, int attempt, String job) {
        return RunLogEntry.tryStarted(runId, attempt, job, clock.instant());
    }

    public void tryEnded(String runId, int attempt, String job, String status, long rows, String error) {
        RunLogEntry.tryEnded(runId, attempt, job, status, rows, error, clock.instant());
    }

    /** The clock's now at the database's precision, so the claim time handed to the merges is the one stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Claim claim(EtlRun run) {
        return new Claim(run.transformAttempts, run.businessDates, run.transformStartedAt);
    }
}
