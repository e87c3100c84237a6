package com.multistore.elt.transformer.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Optional;

/**
 * At start, re-runs the merges of runs the service stopped in the middle of (their attempt was claimed but never
 * finished), as their next attempt: the merges are idempotent, and the run still gets its one event per attempt.
 */
@ApplicationScoped
public class InterruptedRunsResume {

    private static final Logger LOG = Logger.getLogger(InterruptedRunsResume.class);

    private final RunLedger runs;
    private final TransformQueue queue;

    public InterruptedRunsResume(RunLedger runs, TransformQueue queue) {
        this.runs = runs;
        this.queue = queue;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            resume();
        } catch (Exception e) {
            LOG.errorf("interrupted runs could not be resumed: %s", MergeJobRunner.error(e));
        }
    }

    /** Queues the next attempt of every interrupted run; returns how many were resumed. */
    public int resume() throws SQLException {
        int resumed = 0;
        for (String runId : runs.interruptedRuns()) {
            Optional<RunLedger.Claim> claim = runs.claimReplay(runId);
            if (claim.isPresent()) {
                LOG.warnf("run %s: interrupted before it finished; resuming as attempt %d", runId, claim.get().attempt());
                queue.submit(RunContext.of(runId, claim.get()));
                resumed++;
            }
        }
        return resumed;
    }
}
