package com.multistore.elt.loader.messaging;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.loader.service.StagingRetention;
import com.multistore.elt.service.inbox.PoisonEventException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code etl.transform.completed} through the event inbox: a SUCCEEDED run's staging rows start their
 * retention ({@link StagingRetention}). An unreadable event goes to {@code etl.dlq} once; a database error is tried
 * again.
 */
@ApplicationScoped
public class MergedRuns {

    @Inject
    StagingRetention retention;

    @Inject
    Inbox inbox;

    @Incoming("transform-completed")
    @Blocking
    public CompletionStage<Void> onTransformCompleted(Message<byte[]> message) {
        return inbox.take("etl.transform.completed", message, MergedRuns::read, event -> {
            if (event.status() == Status.SUCCEEDED) {
                retention.merged(event.runId());
            }
        });
    }

    private static TransformCompleted read(byte[] json) throws Exception {
        TransformCompleted event = EventJson.mapper().readValue(json, TransformCompleted.class);
        if (event.runId() == null || event.status() == null) {
            throw new PoisonEventException("etl.transform.completed without runId or status");
        }
        return event;
    }
}
