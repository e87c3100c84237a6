package com.multistore.elt.extractor.messaging;

import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.RunStarted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes the extractor's run events, keyed by run id; each send completes when the broker acknowledged it. */
@ApplicationScoped
public class RunEvents {

    @Inject
    @Channel("run-started")
    MutinyEmitter<RunStarted> runStarted;

    @Inject
    @Channel("extract-completed")
    MutinyEmitter<ExtractCompleted> extractCompleted;

    public Uni<Void> runStarted(RunStarted event) {
        return runStarted.sendMessage(KafkaRecord.of(event.runId(), event));
    }

    public Uni<Void> extractCompleted(ExtractCompleted event) {
        return extractCompleted.sendMessage(KafkaRecord.of(event.runId(), event));
    }
}
