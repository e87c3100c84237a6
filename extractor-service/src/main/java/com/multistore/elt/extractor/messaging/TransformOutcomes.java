package com.multistore.elt.extractor.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.extractor.service.RunLedger;
import com.multistore.elt.service.inbox.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * Listens to {@code etl.transform.completed}: a SUCCEEDED run's candidate watermarks become the stores' watermarks
 * (rule 4); a FAILED run's candidates are discarded, so its window is extracted again next time. Runs this
 * extractor does not know change nothing. Through the event inbox: an unreadable event goes to etl.dlq once; a
 * database error is tried again, so one outage does not stop the watermarks.
 */
@ApplicationScoped
public class TransformOutcomes {

    private static final Logger LOG = Logger.getLogger(TransformOutcomes.class);
    private final ObjectMapper json = EventJson.mapper();

    @Inject
    RunLedger runs;

    @Inject
    Inbox inbox;

    @Incoming("transform-completed")
    @Blocking
    public CompletionStage<Void> onTransformCompleted(Message<byte[]> message) {
        return inbox.take("etl.transform.completed", message, this::read, this::apply);
    }

    private TransformCompleted read(byte[] value) throws IOException {
        TransformCompleted event = json.readValue(value, TransformCompleted.class);
        if (event.runId() == null || event.status() == null) {
            throw new PoisonEventException("etl.transform.completed without runId or status");
        }
        return event;
    }

    private void apply(TransformCompleted event) {
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
