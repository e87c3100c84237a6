package com.multistore.elt.extractor.service;

import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.Status;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * At start-up, extracts a stopped instance left unfinished are failed and announced as FAILED, so that their run
 * does not wait for them and their stores can be extracted again.
 */
@ApplicationScoped
public class InterruptedRuns {

    private static final Logger LOG = Logger.getLogger(InterruptedRuns.class);
    private static final String REASON = "the extractor stopped while this extract was running";

    @Inject
    RunLedger runs;

    void onStart(@Observes StartupEvent start) {
        for (RunLedger.Interrupted item : runs.failInterrupted(REASON, item -> new ExtractCompleted(item.runId(),
                item.store(), item.entity(), Status.FAILED, item.records(), item.from(), item.to(), Map.of(), REASON))) {
            LOG.warnf("run %s store %s %s: extract FAILED: %s", item.runId(), item.store(), item.entity().code(), REASON);
        }
    }
}
