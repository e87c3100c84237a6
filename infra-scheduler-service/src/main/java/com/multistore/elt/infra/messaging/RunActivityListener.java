package com.multistore.elt.infra.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.infra.repository.RunActivity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
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
 * Follows {@code etl.run.started} and {@code etl.transform.completed} (one channel on both topics) and records which
 * runs hold the host. An unreadable event is dead-lettered with the reason (rule 5).
 */
@ApplicationScoped
public class RunActivityListener {

    private static final Logger LOG = Logger.getLogger(RunActivityListener.class);
    private static final String SERVICE = "infra-scheduler-service";

    @Inject
    ObjectMapper mapper;

    @Inject
    RunActivity runs;

    @Incoming("run-activity")
    @Blocking
    public CompletionStage<Void> receive(Message<byte[]> message) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("?");
        String runId;
        try {
            runId = runId(topic, message.getPayload());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("unreadable %s event dead-lettered: %s", topic, e.getMessage());
            return deadLetter(message, e, null);
        }
        try {
            if (Topics.RUN_STARTED.equals(topic)) {
                runs.started(runId);
                LOG.infof("run %s started: the host is held until it completes", runId);
            } else {
                runs.finished(runId);
                LOG.infof("run %s completed: it no longer holds the host", runId);
            }
            return message.ack();
        } catch (Exception e) {
            LOG.errorf("run %s: %s event not recorded, dead-lettered: %s", runId, topic, e.getMessage());
            return deadLetter(message, e, runId);
        }
    }

    private String runId(String topic, byte[] payload) throws IOException {
        if (payload == null) {
            throw new IllegalArgumentException("empty event");
        }
        String runId;
        if (Topics.RUN_STARTED.equals(topic)) {
            runId = mapper.readValue(payload, RunStarted.class).runId();
        } else if (Topics.TRANSFORM_COMPLETED.equals(topic)) {
            runId = mapper.readValue(payload, TransformCompleted.class).runId();
        } else {
            JsonNode node = mapper.readTree(payload);
            throw new IllegalArgumentException("unexpected topic " + topic + " (" + node.getNodeType() + ")");
        }
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("event lacks runId");
        }
        return runId;
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
