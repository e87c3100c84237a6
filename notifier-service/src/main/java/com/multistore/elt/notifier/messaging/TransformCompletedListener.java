package com.multistore.elt.notifier.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.notifier.service.RunNotifications;
import com.multistore.elt.service.inbox.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * Reads {@code etl.transform.completed} through the event inbox: an event that cannot be read goes to etl.dlq with
 * the reason (rule 5); a notification that cannot be sent or recorded yet (the database or SNS down) is tried again,
 * never dead-lettered, so the alert of a failed run is not lost.
 */
@ApplicationScoped
public class TransformCompletedListener {

    @Inject
    ObjectMapper mapper;

    @Inject
    RunNotifications notifications;

    @Inject
    Inbox inbox;

    @Incoming("transform-completed")
    @Blocking
    public CompletionStage<Void> receive(Message<byte[]> message) {
        return inbox.take("etl.transform.completed", message, this::read, notifications::onTransformCompleted);
    }

    private TransformCompleted read(byte[] payload) throws IOException {
        TransformCompleted event = mapper.readValue(payload, TransformCompleted.class);
        if (event.runId() == null || event.runId().isBlank() || event.status() == null || event.attempt() < 1) {
            throw new PoisonEventException("event lacks runId, status or a positive attempt");
        }
        return event;
    }
}
