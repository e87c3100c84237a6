package com.multistore.elt.notifier.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.notifier.service.RunNotifications;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * Reads {@code etl.transform.completed}. An event that cannot be read is dead-lettered with the reason and the
 * service's name (rule 5); it never blocks the partition.
 */
@ApplicationScoped
public class TransformCompletedListener {

    private static final Logger LOG = Logger.getLogger(TransformCompletedListener.class);
    private static final String SERVICE = "notifier-service";

    @Inject
    ObjectMapper mapper;

    @Inject
    RunNotifications notifications;

    @Incoming("transform-completed")
    @Blocking
    public CompletionStage<Void> receive(Message<byte[]> message) {
        TransformCompleted event;
        try {
            event = read(message.getPayload());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("unreadable etl.transform.completed event dead-lettered: %s", e.getMessage());
            return deadLetter(message, e, null);
        }
        try {
            notifications.onTransformCompleted(event);
            return message.ack();
        } catch (Exception e) {
            LOG.errorf("run %s attempt %d: notification failed and dead-lettered: %s", event.runId(), event.attempt(),
                    e.getMessage());
            return deadLetter(message, e, event.runId());
        }
    }

    private TransformCompleted read(byte[] payload) throws IOException {
        if (payload == null) {
            throw new IllegalArgumentException("empty event");
        }
        TransformCompleted event = mapper.readValue(payload, TransformCompleted.class);
        if (event.runId() == null || event.runId().isBlank() || event.status() == null || event.attempt() < 1) {
            throw new IllegalArgumentException("event lacks runId, status or a positive attempt");
        }
        return event;
    }

    private static CompletionStage<Void> deadLetter(Message<byte[]> message, Exception reason, String runId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.SERVICE, SERVICE.getBytes(StandardCharsets.UTF_8));
        if (runId != null) {
            headers.add(DeadLetterHeaders.RUN_ID, runId.getBytes(StandardCharsets.UTF_8));
        }
        return message.nack(reason, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }
}
