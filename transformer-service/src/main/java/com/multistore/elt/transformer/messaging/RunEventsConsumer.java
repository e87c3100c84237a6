package com.multistore.elt.transformer.messaging;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.transformer.service.RunBarrier;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * {@code etl.run.started} and {@code etl.load.completed} into the run barrier, through the event inbox: an event that
 * cannot be read or is invalid goes to {@code etl.dlq} once; one that cannot be recorded yet (the database down) is
 * tried again until it is.
 */
@ApplicationScoped
public class RunEventsConsumer {

    private final RunBarrier barrier;
    private final Inbox inbox;

    public RunEventsConsumer(RunBarrier barrier, Inbox inbox) {
        this.barrier = barrier;
        this.inbox = inbox;
    }

    @Incoming("run-started")
    @Blocking
    public CompletionStage<Void> runStarted(Message<byte[]> message) {
        return inbox.take("etl.run.started", message, bytes -> EventJson.mapper().readValue(bytes, RunStarted.class),
                barrier::runStarted);
    }

    @Incoming("load-completed")
    @Blocking
    public CompletionStage<Void> loadCompleted(Message<byte[]> message) {
        return inbox.take("etl.load.completed", message,
                bytes -> EventJson.mapper().readValue(bytes, LoadCompleted.class), barrier::loadCompleted);
    }
}
