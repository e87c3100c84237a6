package com.multistore.elt.loader.messaging;

import com.multistore.elt.events.LoadCompleted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes {@code etl.load.completed}, keyed by run id; the send completes when the broker acknowledged it. */
@ApplicationScoped
public class LoadEvents {

    @Inject
    @Channel("load-completed")
    MutinyEmitter<LoadCompleted> loadCompleted;

    public Uni<Void> loadCompleted(LoadCompleted event) {
        return loadCompleted.sendMessage(KafkaRecord.of(event.runId(), event));
    }
}
