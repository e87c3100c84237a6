package com.multistore.elt.transformer.service;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.events.TransformCompleted.DataQuality;
import com.multistore.elt.events.TransformCompleted.JobResult;
import com.multistore.elt.transformer.messaging.Outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A run attempt's outcome: the row in ops.etl_runs and its etl.transform.completed (through the outbox) commit in one
 * transaction, so an outcome is never recorded without its event, nor published without being recorded.
 */
@ApplicationScoped
public class RunOutcomes {

    private static final Logger LOG = Logger.getLogger(RunOutcomes.class);

    private final RunLedger runs;
    private final Outbox outbox;

    public RunOutcomes(RunLedger runs, Outbox outbox) {
        this.runs = runs;
        this.outbox = outbox;
    }

    /**
     * Records the attempt's outcome with its event. While the database refuses, each try is a new transaction, with
     * doubling pauses for up to 15 minutes; after that the attempt stays RUNNING and is resumed at the next start.
     */
    @Retry(maxRetries = -1, maxDuration = 15, durationUnit = ChronoUnit.MINUTES, delay = 500,
            delayUnit = ChronoUnit.MILLIS, jitter = 0)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void record(TransformCompleted completed, String error) {
        QuarkusTransaction.requiringNew().run(() -> write(completed, error));
    }

    /** Claims attempt 1 of a run and fails it at the barrier, with its event; false when it was claimed before. */
    @Transactional(rollbackOn = Exception.class)
    public boolean failAtBarrier(String runId, String reason) throws SQLException {
        if (runs.claimFirstAttempt(runId).isEmpty()) {
            return false;
        }
        runs.tryStarted(runId, 1, MergeJob.BARRIER);
        runs.tryEnded(runId, 1, MergeJob.BARRIER, "FAILED", 0, reason);
        write(new TransformCompleted(runId, 1, Status.FAILED,
                List.of(new JobResult(MergeJob.BARRIER, Status.FAILED, 0, 1, 0, reason)), new DataQuality(0, 0, 0)),
                reason);
        return true;
    }

    /**
     * Ends a run whose loads arrived but whose etl.run.started never did: recorded (trigger UNKNOWN) and failed at
     * the barrier, with its event, in one transaction; false when the run was recorded or claimed meanwhile.
     */
    @Transactional(rollbackOn = Exception.class)
    public boolean failUnannounced(String runId, String reason) throws SQLException {
        runs.recordUnannouncedRun(runId);
        return failAtBarrier(runId, reason);
    }

    private void write(TransformCompleted completed, String error) {
        try {
            runs.finish(completed.runId(), completed.attempt(), completed.status(), error);
            outbox.add(Topics.TRANSFORM_COMPLETED, completed.runId(), completed);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("run %s attempt %d: outcome %s not recorded yet: %s", completed.runId(), completed.attempt(),
                    completed.status(), MergeJobRunner.error(e));
            throw new IllegalStateException("outcome of run " + completed.runId() + " not recorded: " + e.getMessage(), e);
        }
    }
}
