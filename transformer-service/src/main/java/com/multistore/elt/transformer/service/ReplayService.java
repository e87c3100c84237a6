package com.multistore.elt.transformer.service;

import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.transformer.config.TransformerConfig;
import com.multistore.elt.transformer.repository.RunRepository.BarrierState;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/** Re-runs a run's merges as its next attempt (idempotent: the same staging rows give the same warehouse rows). */
@ApplicationScoped
public class ReplayService {

    private static final Logger LOG = Logger.getLogger(ReplayService.class);

    private final RunLedger runs;
    private final TransformQueue queue;
    private final TransformerConfig config;

    public ReplayService(RunLedger runs, TransformQueue queue, TransformerConfig config) {
        this.runs = runs;
        this.queue = queue;
        this.config = config;
    }

    public TransformCompleted replay(String runId) throws Exception {
        BarrierState state = runs.barrier(runId)
                .orElseThrow(() -> new ReplayRefused(404, "unknown run " + runId));
        if (state.failed() > 0) {
            throw new ReplayRefused(409, "run " + runId + " has FAILED loads: " + state.failures());
        }
        if (state.missing() > 0) {
            throw new ReplayRefused(409, "run " + runId + " is not fully loaded: " + state.missingItems());
        }
        var gone = runs.stagingGone(runId);
        if (gone.isPresent()) {
            throw new ReplayRefused(409, "run " + runId + ": " + TransformService.stagingGone(gone.get()));
        }
        RunLedger.Claim claim = runs.claimReplay(runId)
                .orElseThrow(() -> new ReplayRefused(409, "run " + runId + " has not been transformed yet"));
        LOG.infof("run %s: replay as attempt %d", runId, claim.attempt());
        return queue.submit(RunContext.of(runId, claim))
                .get(config.replayWait().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A replay that cannot be done, with the HTTP status that says why. */
    public static class ReplayRefused extends RuntimeException {
        private final int status;

        public ReplayRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
