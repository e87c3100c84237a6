package com.multistore.elt.transformer.service;

import com.multistore.elt.transformer.repository.MergeScriptRunner;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one job of a run in its own transaction, retried twice 3 s apart (MicroProfile Fault Tolerance; override with
 * {@code com.multistore.elt.transformer.service.MergeJobRunner/run/Retry/delay} etc.). Every try is recorded in
 * ops.etl_run_log outside the job's transaction, so a rolled-back try still shows.
 */
@ApplicationScoped
public class MergeJobRunner {

    private static final Logger LOG = Logger.getLogger(MergeJobRunner.class);
    private static final int MAX_ERROR = 2000;

    private final MergeScriptRunner scripts;
    private final RunLedger runLog;

    public MergeJobRunner(MergeScriptRunner scripts, RunLedger runLog) {
        this.scripts = scripts;
        this.runLog = runLog;
    }

    /** Runs the job's script; {@code tries} counts the tries of this call (the same object on every retry). */
    @Retry(maxRetries = 2, delay = 3, delayUnit = ChronoUnit.SECONDS, jitter = 0)
    public long run(RunContext run, MergeJob job, AtomicInteger tries) throws SQLException {
        tries.set(runLog.tryStarted(run.runId(), run.attempt(), job.name()));
        try {
            long rows = scripts.run(run, job.script());
            runLog.tryEnded(run.runId(), run.attempt(), job.name(), "SUCCEEDED", rows, null);
            LOG.infof("run %s attempt %d: job %s try %d merged %d rows", run.runId(), run.attempt(), job.name(),
                    tries.get(), rows);
            return rows;
        } catch (SQLException | RuntimeException e) {
            String error = error(e);
            runLog.tryEnded(run.runId(), run.attempt(), job.name(), "FAILED", 0, error);
            LOG.warnf("run %s attempt %d: job %s try %d failed: %s", run.runId(), run.attempt(), job.name(),
                    tries.get(), error);
            throw e;
        }
    }

    static String error(Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage().strip());
        return message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
    }
}
