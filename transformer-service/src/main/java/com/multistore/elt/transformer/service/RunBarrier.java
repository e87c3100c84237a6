package com.multistore.elt.transformer.service;

import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.transformer.repository.RunRepository;
import com.multistore.elt.transformer.repository.RunRepository.BarrierState;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The barrier of a run (rule 2): the run's merges start once every (store, entity) of its plan is loaded
 * SUCCEEDED and no run started before it that plans one of its stores is still unfinished (runs of a store merge in
 * the order they started; a run that waits for another is not timed out, the other one ends by itself). A FAILED
 * load, or a plan not complete within the barrier timeout, fails the run. Either outcome is claimed in ops.etl_runs
 * first, so it happens once however often the events are re-delivered. When a run ends, the runs that waited for it
 * are evaluated again (and every barrier check, in case that was missed).
 */
@ApplicationScoped
public class RunBarrier {

    private static final Logger LOG = Logger.getLogger(RunBarrier.class);

    private final RunLedger runs;
    private final TransformQueue queue;
    private final RunOutcomes outcomes;
    private final BarrierTimeout barrierTimeout;

    public RunBarrier(RunLedger runs, TransformQueue queue,
                      RunOutcomes outcomes, BarrierTimeout barrierTimeout) {
        this.runs = runs;
        this.queue = queue;
        this.outcomes = outcomes;
        this.barrierTimeout = barrierTimeout;
    }

    public void runStarted(RunStarted run) throws SQLException, JsonProcessingException {
        if (run.runId() == null || run.trigger() == null) {
            throw new IllegalArgumentException("etl.run.started without runId or trigger");
        }
        if (!run.undatedStores().isEmpty()) {
            throw new IllegalArgumentException("etl.run.started of run " + run.runId() + " has no business date for"
                    + " store(s) " + run.undatedStores() + " of its plan (businessDates: " + run.businessDates() + ")");
        }
        runs.recordRun(run);
        LOG.infof("run %s started (%s, business dates %s): %d planned loads", run.runId(), run.trigger(),
                run.businessDates(), run.plan().size());
        evaluate(run.runId());
    }

    public void loadCompleted(LoadCompleted load) throws SQLException, JsonProcessingException {
        if (load.runId() == null || load.store() == null || load.entity() == null || load.status() == null) {
            throw new IllegalArgumentException("etl.load.completed without runId, store, entity or status");
        }
        runs.recordLoad(load);
        LOG.infof("run %s: load of %s@%s %s (%d staged, %d dead-lettered)", load.runId(), load.entity().code(),
                load.store(), load.status(), load.stagedCount(), load.deadLetteredCount());
        evaluate(load.runId());
    }

    /**
     * Fails the runs whose plan did not complete within the barrier timeout, and the runs that never reached the
     * transformer (loads, but no etl.run.started) within it: each ends FAILED with its event, so it is alerted.
     */
    @Scheduled(every = "${pipeline.transform.barrier-check-every:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepExpired() {
        releaseWaiting();
        try {
            for (String runId : runs.expiredRuns(barrierTimeout.value())) {
                Optional<BarrierState> state = runs.barrier(runId);
                String missing = state.map(BarrierState::missingItems).orElse(null);
                fail(runId, "barrier timeout after " + barrierTimeout.value() + ": not loaded: "
                        + (missing == null ? "(none)" : missing));
            }
            for (String runId : runs.unannouncedRuns(barrierTimeout.value())) {
                String reason = "barrier timeout after " + barrierTimeout.value() + ": etl.run.started never received"
                        + " (only loads arrived)";
                if (outcomes.failUnannounced(runId, reason)) {
                    LOG.errorf("run %s attempt 1: FAILED: %s", runId, reason);
                }
            }
        } catch (Exception e) {
            LOG.errorf("barrier timeout check failed: %s", MergeJobRunner.error(e));
        }
    }

    /** A run ended: the runs that waited for it (or for anything) may go now. */
    void runEnded(@Observes TransformQueue.RunEnded ended) {
        releaseWaiting();
    }

    private void releaseWaiting() {
        try {
            for (String runId : runs.readyRuns()) {
                evaluate(runId);
            }
        } catch (Exception e) {
            LOG.errorf("waiting runs not evaluated (tried again at the next barrier check): %s", MergeJobRunner.error(e));
        }
    }

    private void evaluate(String runId) throws SQLException {
        Optional<BarrierState> found = runs.barrier(runId);
        if (found.isEmpty()) {
            LOG.infof("run %s: not started yet (etl.run.started not received); load kept for the barrier", runId);
            return;
        }
        BarrierState state = found.get();
        if (state.transformAttempts() > 0 || !"RUNNING".equals(state.runStatus())) {
            return;
        }
        if (state.failed() > 0) {
            fail(runId, "load FAILED: " + state.failures());
        } else if (state.complete()) {
            Optional<RunRepository.Blocker> blocker = runs.earlierUnfinishedRun(runId);
            if (blocker.isPresent()) {
                LOG.infof("run %s: loaded; its merges wait for run %s (started before it, store %s) to end", runId,
                        blocker.get().runId(), blocker.get().stores());
                return;
            }
            Optional<RunLedger.Claim> claim = runs.claimFirstAttempt(runId);
            if (claim.isPresent()) {
                LOG.infof("run %s: barrier complete, merges queued", runId);
                queue.submit(RunContext.of(runId, claim.get()));
            }
        } else {
            LOG.infof("run %s: waiting for %s", runId, state.missingItems());
        }
    }

    private void fail(String runId, String reason) throws SQLException {
        if (outcomes.failAtBarrier(runId, reason)) {
            LOG.errorf("run %s attempt 1: FAILED: %s", runId, reason);
            releaseWaiting();
        }
    }
}
