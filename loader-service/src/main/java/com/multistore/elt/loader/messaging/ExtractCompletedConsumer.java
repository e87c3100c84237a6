package com.multistore.elt.loader.messaging;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.loader.service.BarrierService;
import com.multistore.elt.service.inbox.PoisonEventException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code etl.extract.completed} through the event inbox: each completion waits at the barrier (several may
 * wait at once) and then becomes an {@code etl.load.completed}. An unreadable completion goes to {@code etl.dlq}; one
 * that cannot be declared yet (PostgreSQL down) is tried again.
 */
@ApplicationScoped
public class ExtractCompletedConsumer {

    @Inject
    BarrierService barrier;

    @Inject
    Inbox inbox;

    @Incoming("extract-completed")
    @Blocking(ordered = false)
    public CompletionStage<Void> onExtractCompleted(Message<byte[]> message) {
        return inbox.take("etl.extract.completed", message, ExtractCompletedConsumer::read,
                event -> barrier.onExtractCompleted(event));
    }

    private static ExtractCompleted read(byte[] json) throws Exception {
        ExtractCompleted event = EventJson.mapper().readValue(json, ExtractCompleted.class);
        if (event.runId() == null || event.store() == null || event.entity() == null || event.status() == null) {
            throw new PoisonEventException("etl.extract.completed lacks runId, store, entity or status");
        }
        return event;
    }
}
