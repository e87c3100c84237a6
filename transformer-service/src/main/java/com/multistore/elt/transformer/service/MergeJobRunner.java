package com.multistore.elt.transformer.service;

import com.multistore.elt.transformer.model.ModelDataset;
import com.multistore.elt.transformer.repository.DeclaredTestRepository;
import com.multistore.elt.transformer.repository.MergeScriptRunner;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    private final DeclaredTests declaredTests;
    private final DeclaredTestRepository testResults;

    public MergeJobRunner(MergeScriptRunner scripts, RunLedger runLog, DeclaredTests declaredTests,
                          DeclaredTestRepository testResults) {
        this.scripts = scripts;
        this.runLog = runLog;
        this.declaredTests = declaredTests;
        this.testResults = testResults;
    }

    /**
     * Runs a dataset's declared tests as the job {@code declared_tests.<dataset>} (retried and logged like a merge
     * job); returns their outcomes.
     */
    @Retry(maxRetries = 2, delay = 3, delayUnit = ChronoUnit.SECONDS, jitter = 0)
    public List<DeclaredTestRepository.Outcome> runTests(RunContext run, ModelDataset dataset, AtomicInteger tries)
            throws SQLException {
        String job = testsJob(dataset);
        tries.set(runLog.tryStarted(run.runId(), run.attempt(), job));
        try {
            List<DeclaredTestRepository.Outcome> outcomes = testResults.run(run, dataset.name(),
                    declaredTests.of(dataset.name()));
            runLog.tryEnded(run.runId(), run.attempt(), job, "SUCCEEDED", outcomes.size(), null);
            LOG.infof("run %s attempt %d: job %s try %d ran %d tests (%d not passed)", run.runId(), run.attempt(), job,
                    tries.get(), outcomes.size(), outcomes.stream().filter(o -> !"PASSED".equals(o.status())).count());
            return outcomes;
        } catch (SQLException | RuntimeException e) {
            String error = error(e);
            runLog.tryEnded(run.runId(), run.attempt(), job, "FAILED", 0, error);
            LOG.warnf("run %s attempt %d: job %s try %d failed: %s", run.runId(), run.attempt(), job, tries.get(), error);
            throw e;
        }
    }

    /** The run-log name of a dataset's declared tests. */
    public static String testsJob(ModelDataset dataset) {
        return "declared_tests." + dataset.name();
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
