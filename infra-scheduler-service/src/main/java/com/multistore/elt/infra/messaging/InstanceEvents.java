package com.multistore.elt.infra.messaging;

import com.multistore.elt.events.InstanceEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes {@code infra.instance.events}, keyed by instance id; completes when the broker acknowledged it. */
@ApplicationScoped
public class InstanceEvents {

    @Inject
    @Channel("instance-events")
    MutinyEmitter<InstanceEvent> instanceEvents;

    public Uni<Void> publish(InstanceEvent event) {
        return instanceEvents.sendMessage(KafkaRecord.of(event.instanceId(), event));
    }
}
