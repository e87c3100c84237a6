package com.multistore.elt.transformer.service;

import com.multistore.elt.service.store.StoresConfig;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.events.TransformCompleted.DataQuality;
import com.multistore.elt.events.TransformCompleted.JobResult;
import com.multistore.elt.events.TransformCompleted.Reconciliation;
import com.multistore.elt.transformer.model.ModelDataset;
import com.multistore.elt.transformer.repository.DataQualityRepository;
import com.multistore.elt.transformer.repository.DataQualityRepository.CheckResult;
import com.multistore.elt.transformer.repository.ReconciliationRepository;
import com.multistore.elt.transformer.repository.StoreSettingsRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One attempt at a run: the store settings, a check that every load's staging rows are still there (an attempt
 * never merges less than was loaded), the merge jobs in dependency order (each in its own transaction, with
 * retries), then the reconciliation (the extractor's observation against what was staged and merged) and the
 * data-quality checks, either of which fails the run with its errors; the run's outcome and its event are recorded
 * together (RunOutcomes).
 */
@ApplicationScoped
public class TransformService {

    private static final Logger LOG = Logger.getLogger(TransformService.class);
    static final MergeJob CHECKS = new MergeJob(MergeJob.DATA_QUALITY, "sql/checks/data_quality.sql");
    static final MergeJob RECONCILIATION = new MergeJob(MergeJob.RECONCILIATION, "sql/checks/reconciliation.sql");

    private final StoresConfig stores;
    private final StoreSettingsRepository storeSettings;
    private final MergeJobRunner jobs;
    private final DataQualityRepository dataQuality;
    private final ReconciliationRepository reconciliations;
    private final RunLedger runs;
    private final RunOutcomes outcomes;
    private final MeterRegistry metrics;

    public TransformService(StoresConfig stores, StoreSettingsRepository storeSettings, MergeJobRunner jobs,
                            DataQualityRepository dataQuality, ReconciliationRepository reconciliations, RunLedger runs,
                            RunOutcomes outcomes, MeterRegistry metrics) {
        this.reconciliations = reconciliations;
        this.stores = stores;
        this.storeSettings = storeSettings;
        this.jobs = jobs;
        this.dataQuality = dataQuality;
        this.runs = runs;
        this.outcomes = outcomes;
        this.metrics = metrics;
    }

    public TransformCompleted transform(RunContext run) {
        LOG.infof("run %s attempt %d: merging (business dates %s, as of %s)", run.runId(), run.attempt(),
                run.businessDatesJson(), run.asOf());
        List<JobResult> results = new ArrayList<>();
        DataQuality dq = new DataQuality(0, 0, 0);
        String error = null;
        try {
            storeSettings.upsert(stores.all());
            error = storeSettings.unconfigured(run.runId())
                    .map(stores -> "stores without settings (pipeline.stores.<code>.*): " + stores).orElse(null);
        } catch (Exception e) {
            error = "store settings: " + MergeJobRunner.error(e);
        }
        if (error == null) {
            try {
                error = runs.stagingGone(run.runId()).map(TransformService::stagingGone).orElse(null);
            } catch (Exception e) {
                error = "staging rows not countable: " + MergeJobRunner.error(e);
            }
        }
        for (MergeJob job : MergeJob.ALL) {
            if (error != null) {
                break;
            }
            JobResult result = runJob(run, job);
            results.add(result);
            if (result.status() == Status.FAILED) {
                error = job.name() + " failed after " + result.attempts() + " tries: " + result.error();
            }
        }
        Reconciliation reconciliation = null;
        if (error == null) {
            JobResult reconciled = runJob(run, RECONCILIATION);
            String reconciliationError;
            if (reconciled.status() == Status.FAILED) {
                reconciliationError = reconciled.name() + " failed after " + reconciled.attempts() + " tries: "
                        + reconciled.error();
                results.add(reconciled);
            } else {
                ReconciliationOutcome outcome = evaluateReconciliation(run, reconciled);
                reconciliation = outcome.reconciliation();
                results.add(outcome.result());
                reconciliationError = outcome.error();
            }
            JobResult checks = runJob(run, CHECKS);
            String testsError = null;
            List<JobResult> testJobs = new ArrayList<>();
            if (checks.status() != Status.FAILED) {
                // the Shopify dataset's, every run; a source's dataset joins once its streams are in the run's plan
                for (ModelDataset dataset : List.of(ModelDataset.SHOPIFY)) {
                    JobResult tests = runTests(run, dataset);
                    testJobs.add(tests);
                    checks = new JobResult(checks.name(), checks.status(), checks.rows() + tests.rows(),
                            checks.attempts(), checks.durationMs(), checks.error());
                    if (tests.status() == Status.FAILED && testsError == null) {
                        testsError = tests.name() + " failed after " + tests.attempts() + " tries: " + tests.error();
                    }
                }
            }
            results.addAll(testJobs); // before data_quality, the entry that says how the checks came out
            if (checks.status() == Status.FAILED) {
                error = checks.name() + " failed after " + checks.attempts() + " tries: " + checks.error();
                results.add(checks);
            } else if (testsError != null) {
                error = testsError;
                results.add(failed(checks, testsError));
            } else {
                ChecksOutcome outcome = evaluateChecks(run, checks);
                dq = outcome.dq();
                results.add(outcome.result());
                error = outcome.error();
            }
            if (reconciliationError != null) {
                error = error == null ? reconciliationError : reconciliationError + "; " + error;
            }
        }
        List<TransformCompleted.DeadLetters> deadLetters = List.of();
        try {
            deadLetters = runs.deadLetters(run.runId());
        } catch (Exception e) {
            error = error != null ? error : "dead letters of the loads unreadable: " + MergeJobRunner.error(e);
        }
        Status status = error == null ? Status.SUCCEEDED : Status.FAILED;
        TransformCompleted completed = new TransformCompleted(run.runId(), run.attempt(), status, results, dq,
                deadLetters, reconciliation);
        finish(run, completed, error);
        return completed;
    }

    /** Why a run whose staging rows are gone cannot be merged, and what to do instead. */
    static String stagingGone(String loads) {
        return "staging rows gone: " + loads + "; the loader's retention (loader.staging.retention) or someone removed"
                + " them, and merging the rest would merge less than was loaded: replay the day from the loader"
                + " (POST /replay) instead";
    }

    private JobResult runJob(RunContext run, MergeJob job) {
        AtomicInteger tries = new AtomicInteger();
        long started = System.nanoTime();
        Status status = Status.SUCCEEDED;
        long rows = 0;
        String error = null;
        try {
            rows = jobs.run(run, job, tries);
        } catch (Exception e) {
            status = Status.FAILED;
            error = MergeJobRunner.error(e);
        }
        long nanos = System.nanoTime() - started;
        Timer.builder("transformer.job.duration").tag("job", job.name()).tag("status", status.name())
                .register(metrics).record(nanos, TimeUnit.NANOSECONDS);
        metrics.counter("transformer.job.rows", "job", job.name()).increment(rows);
        return new JobResult(job.name(), status, rows, tries.get(), TimeUnit.NANOSECONDS.toMillis(nanos), error);
    }

    /** A dataset's declared tests as a job: rows = the tests run. */
    private JobResult runTests(RunContext run, ModelDataset dataset) {
        AtomicInteger tries = new AtomicInteger();
        long started = System.nanoTime();
        Status status = Status.SUCCEEDED;
        long rows = 0;
        String error = null;
        try {
            rows = jobs.runTests(run, dataset, tries).size();
        } catch (Exception e) {
            status = Status.FAILED;
            error = MergeJobRunner.error(e);
        }
        String name = MergeJobRunner.testsJob(dataset);
        long nanos = System.nanoTime() - started;
        Timer.builder("transformer.job.duration").tag("job", name).tag("status", status.name())
                .register(metrics).record(nanos, TimeUnit.NANOSECONDS);
        return new JobResult(name, status, rows, tries.get(), TimeUnit.NANOSECONDS.toMillis(nanos), error);
    }

    private ChecksOutcome evaluateChecks(RunContext run, JobResult checks) {
        List<CheckResult> notPassed;
        try {
            notPassed = dataQuality.notPassed(run.runId());
        } catch (Exception e) {
            String error = "data_quality results unreadable: " + MergeJobRunner.error(e);
            return new ChecksOutcome(new DataQuality(0, 0, 0), failed(checks, error), error);
        }
        notPassed.forEach(c -> metrics.counter("transformer.dq.failures", "check", c.name(), "severity", c.severity())
                .increment());
        int failed = (int) notPassed.stream().filter(CheckResult::failed).count();
        int warned = notPassed.size() - failed;
        DataQuality dq = new DataQuality((int) checks.rows() - notPassed.size(), warned, failed);
        if (warned > 0) {
            LOG.warnf("run %s attempt %d: data-quality warnings: %s", run.runId(), run.attempt(), describe(notPassed, false));
        }
        if (failed == 0) {
            return new ChecksOutcome(dq, checks, null);
        }
        String error = "data-quality errors: " + describe(notPassed, true);
        return new ChecksOutcome(dq, failed(checks, error), error);
    }

    /** The run's reconciliation rows: an ERROR fails the run naming store, entity, metric and difference. */
    private ReconciliationOutcome evaluateReconciliation(RunContext run, JobResult job) {
        Reconciliation reconciliation;
        try {
            reconciliation = reconciliations.of(run.runId());
        } catch (Exception e) {
            String error = "reconciliation results unreadable: " + MergeJobRunner.error(e);
            return new ReconciliationOutcome(null, failed(job, error), error);
        }
        String warnings = reconciliation.differences().stream().filter(d -> "WARN".equals(d.status()))
                .map(TransformCompleted.Difference::describe).collect(Collectors.joining("; "));
        if (!warnings.isEmpty()) {
            LOG.warnf("run %s attempt %d: reconciliation warnings: %s", run.runId(), run.attempt(), warnings);
        }
        if (reconciliation.failed() == 0) {
            LOG.infof("run %s attempt %d: reconciliation %d OK, %d warned", run.runId(), run.attempt(),
                    reconciliation.ok(), reconciliation.warned());
            return new ReconciliationOutcome(reconciliation, job, null);
        }
        metrics.counter("transformer.reconciliation.errors").increment(reconciliation.failed());
        String error = "reconciliation errors: " + reconciliation.differences().stream()
                .filter(d -> "ERROR".equals(d.status())).map(TransformCompleted.Difference::describe)
                .collect(Collectors.joining("; "));
        return new ReconciliationOutcome(reconciliation, failed(job, error), error);
    }

    private static JobResult failed(JobResult checks, String error) {
        return new JobResult(checks.name(), Status.FAILED, checks.rows(), checks.attempts(), checks.durationMs(), error);
    }

    private static String describe(List<CheckResult> results, boolean errors) {
        return results.stream().filter(c -> c.failed() == errors).map(CheckResult::describe)
                .collect(Collectors.joining("; "));
    }

    private void finish(RunContext run, TransformCompleted completed, String error) {
        if (error != null) {
            LOG.errorf("run %s attempt %d: FAILED: %s", run.runId(), run.attempt(), error);
        }
        try {
            outcomes.record(completed, error);
        } catch (RuntimeException e) {
            LOG.errorf("run %s attempt %d: outcome %s NOT recorded (the attempt stays RUNNING and resumes at the next"
                    + " start): %s", run.runId(), run.attempt(), completed.status(), MergeJobRunner.error(e));
            throw e;
        }
        LOG.infof("run %s attempt %d: %s recorded, etl.transform.completed in the outbox (dq passed %d, warned %d,"
                + " failed %d)", run.runId(), run.attempt(), completed.status(), completed.dq().passed(),
                completed.dq().warned(), completed.dq().failed());
    }

    private record ChecksOutcome(DataQuality dq, JobResult result, String error) {
    }

    private record ReconciliationOutcome(Reconciliation reconciliation, JobResult result, String error) {
    }
}
