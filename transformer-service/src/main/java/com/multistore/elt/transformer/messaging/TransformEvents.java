package com.multistore.elt.transformer.messaging;

import com.multistore.elt.events.TransformCompleted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes {@code etl.transform.completed}, keyed by run id; the send completes when the broker acknowledged it. */
@ApplicationScoped
public class TransformEvents {

    @Inject
    @Channel("transform-completed")
    MutinyEmitter<TransformCompleted> transformCompleted;

    public Uni<Void> transformCompleted(TransformCompleted event) {
        return transformCompleted.sendMessage(KafkaRecord.of(event.runId(), event));
    }
}
