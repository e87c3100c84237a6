package com.multistore.elt.extractor.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.extractor.repository.RunRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Listens to {@code etl.transform.completed}: a SUCCEEDED run's candidate watermarks become the stores' watermarks
 * (rule 4); a FAILED run's candidates are discarded, so its window is extracted again next time. Runs this
 * extractor does not know change nothing; an unreadable event is logged and skipped (it is not ours to repair).
 */
@ApplicationScoped
public class TransformOutcomes {

    private static final Logger LOG = Logger.getLogger(TransformOutcomes.class);
    private final ObjectMapper json = EventJson.mapper();

    @Inject
    RunRepository runs;

    @Incoming("transform-completed")
    @Blocking
    public void onTransformCompleted(byte[] value) {
        TransformCompleted event;
        try {
            event = json.readValue(value, TransformCompleted.class);
        } catch (IOException e) {
            LOG.errorf("etl.transform.completed skipped, not readable: %s", e.getMessage());
            return;
        }
        if (event.runId() == null || event.status() == null) {
            LOG.errorf("etl.transform.completed skipped, runId or status missing");
            return;
        }
        if (event.status() == Status.SUCCEEDED) {
            int moved = runs.advanceWatermarks(event.runId());
            LOG.infof("run %s transform SUCCEEDED (attempt %d): %d watermarks advanced", event.runId(), event.attempt(), moved);
        } else {
            int dropped = runs.discardCandidates(event.runId());
            LOG.infof("run %s transform %s (attempt %d): %d candidate watermarks discarded", event.runId(),
                    event.status(), event.attempt(), dropped);
        }
    }
}
