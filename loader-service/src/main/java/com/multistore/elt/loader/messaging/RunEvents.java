package com.multistore.elt.loader.messaging;

import com.multistore.elt.events.RunStarted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes {@code etl.run.started} for replay runs (the extractor publishes it for the others), keyed by run id. */
@ApplicationScoped
public class RunEvents {

    @Inject
    @Channel("run-started")
    MutinyEmitter<RunStarted> runStarted;

    public Uni<Void> runStarted(RunStarted event) {
        return runStarted.sendMessage(KafkaRecord.of(event.runId(), event));
    }
}
