package com.multistore.elt.transformer.messaging;

import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.transformer.service.RunBarrier;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * {@code etl.run.started} and {@code etl.load.completed} into the run barrier. A record that cannot be read or
 * recorded is nacked: it goes to {@code etl.dlq} (failure-strategy dead-letter-queue) with SmallRye's reason headers
 * plus this service and the run id (the record key), and the partition moves on.
 */
@ApplicationScoped
public class RunEventsConsumer {

    private static final Logger LOG = Logger.getLogger(RunEventsConsumer.class);

    private final RunBarrier barrier;
    private final String service;

    public RunEventsConsumer(RunBarrier barrier, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.barrier = barrier;
        this.service = service;
    }

    @Incoming("run-started")
    @Blocking
    public CompletionStage<Void> runStarted(Message<String> message) {
        try {
            barrier.runStarted(EventJson.mapper().readValue(message.getPayload(), RunStarted.class));
            return message.ack();
        } catch (Exception e) {
            return deadLetter(message, e);
        }
    }

    @Incoming("load-completed")
    @Blocking
    public CompletionStage<Void> loadCompleted(Message<String> message) {
        try {
            barrier.loadCompleted(EventJson.mapper().readValue(message.getPayload(), LoadCompleted.class));
            return message.ack();
        } catch (Exception e) {
            return deadLetter(message, e);
        }
    }

    private CompletionStage<Void> deadLetter(Message<String> message, Exception e) {
        String runId = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getKey() == null ? "" : m.getKey().toString()).orElse("");
        LOG.errorf("run %s: event dead-lettered: %s: %s", runId, e.getClass().getSimpleName(), e.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.SERVICE, service.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.RUN_ID, runId.getBytes(StandardCharsets.UTF_8));
        return message.nack(e, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }
}
