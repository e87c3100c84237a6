package com.multistore.elt.transformer.service;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.events.TransformCompleted.DataQuality;
import com.multistore.elt.events.TransformCompleted.JobResult;
import com.multistore.elt.transformer.repository.RunLogRepository;
import com.multistore.elt.transformer.repository.RunRepository;
import com.multistore.elt.transformer.repository.RunRepository.BarrierState;
import com.multistore.elt.transformer.repository.RunRepository.Claim;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The barrier of a run (rule 2): the run's merges start once every (store, entity) of its plan is loaded
 * SUCCEEDED; a FAILED load, or a plan not complete within the barrier timeout, fails the run. Either outcome is
 * claimed in ops.etl_runs first, so it happens once however often the events are re-delivered.
 */
@ApplicationScoped
public class RunBarrier {

    private static final Logger LOG = Logger.getLogger(RunBarrier.class);

    private final RunRepository runs;
    private final RunLogRepository runLog;
    private final TransformQueue queue;
    private final TransformCompletedPublisher publisher;
    private final BarrierTimeout barrierTimeout;

    public RunBarrier(RunRepository runs, RunLogRepository runLog, TransformQueue queue,
                      TransformCompletedPublisher publisher, BarrierTimeout barrierTimeout) {
        this.runs = runs;
        this.runLog = runLog;
        this.queue = queue;
        this.publisher = publisher;
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
        runs.recordRun(run, EventJson.mapper().writeValueAsString(run.businessDates()),
                EventJson.mapper().writeValueAsString(run.plan()));
        LOG.infof("run %s started (%s, business dates %s): %d planned loads", run.runId(), run.trigger(),
                run.businessDates(), run.plan().size());
        evaluate(run.runId());
    }

    public void loadCompleted(LoadCompleted load) throws SQLException {
        if (load.runId() == null || load.store() == null || load.entity() == null || load.status() == null) {
            throw new IllegalArgumentException("etl.load.completed without runId, store, entity or status");
        }
        runs.recordLoad(load);
        LOG.infof("run %s: load of %s@%s %s (%d staged, %d dead-lettered)", load.runId(), load.entity().code(),
                load.store(), load.status(), load.stagedCount(), load.deadLetteredCount());
        evaluate(load.runId());
    }

    /** Fails the runs whose plan did not complete within the barrier timeout. */
    @Scheduled(every = "${pipeline.transform.barrier-check-every:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepExpired() {
        try {
            for (String runId : runs.expiredRuns(barrierTimeout.value())) {
                Optional<BarrierState> state = runs.barrier(runId);
                String missing = state.map(BarrierState::missingItems).orElse(null);
                fail(runId, "barrier timeout after " + barrierTimeout.value() + ": not loaded: "
                        + (missing == null ? "(none)" : missing));
            }
        } catch (Exception e) {
            LOG.errorf("barrier timeout check failed: %s", MergeJobRunner.error(e));
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
            Optional<Claim> claim = runs.claimFirstAttempt(runId);
            if (claim.isPresent()) {
                LOG.infof("run %s: barrier complete, merges queued", runId);
                queue.submit(RunContext.of(runId, claim.get()));
            }
        } else {
            LOG.infof("run %s: waiting for %s", runId, state.missingItems());
        }
    }

    private void fail(String runId, String reason) throws SQLException {
        if (runs.claimFirstAttempt(runId).isEmpty()) {
            return;
        }
        runLog.tryStarted(runId, 1, MergeJob.BARRIER);
        runLog.tryEnded(runId, 1, MergeJob.BARRIER, "FAILED", 0, reason);
        runs.finish(runId, 1, Status.FAILED, reason);
        LOG.errorf("run %s attempt 1: FAILED: %s", runId, reason);
        publisher.publish(new TransformCompleted(runId, 1, Status.FAILED,
                List.of(new JobResult(MergeJob.BARRIER, Status.FAILED, 0, 1, 0, reason)), new DataQuality(0, 0, 0)));
    }
}
