package com.multistore.elt.transformer.messaging;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.transformer.service.RunBarrier;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code etl.run.started} and {@code etl.load.completed} into the run barrier. A record that cannot be read or
 * recorded is nacked and goes to {@code etl.dlq} with the reason (failure-strategy dead-letter-queue).
 */
@ApplicationScoped
public class RunEventsConsumer {

    private final RunBarrier barrier;

    public RunEventsConsumer(RunBarrier barrier) {
        this.barrier = barrier;
    }

    @Incoming("run-started")
    @Blocking
    public void runStarted(String json) throws Exception {
        barrier.runStarted(EventJson.mapper().readValue(json, RunStarted.class));
    }

    @Incoming("load-completed")
    @Blocking
    public void loadCompleted(String json) throws Exception {
        barrier.loadCompleted(EventJson.mapper().readValue(json, LoadCompleted.class));
    }
}
