package com.multistore.elt.infra.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.infra.service.HostHolds;
import com.multistore.elt.service.inbox.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * Follows {@code etl.run.started} and {@code etl.transform.completed} (one channel on both topics) and records which
 * runs hold the host, through the event inbox: an unreadable event goes to etl.dlq with the reason (rule 5); one that
 * cannot be recorded yet (the database down) is tried again, so no run is forgotten and no host stopped under it.
 */
@ApplicationScoped
public class RunActivityListener {

    private static final Logger LOG = Logger.getLogger(RunActivityListener.class);

    @Inject
    ObjectMapper mapper;

    @Inject
    HostHolds holds;

    @Inject
    Inbox inbox;

    @Incoming("run-activity")
    @Blocking
    public CompletionStage<Void> receive(Message<byte[]> message) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("?");
        return inbox.take(topic, message, payload -> runId(topic, payload), runId -> {
            if (Topics.RUN_STARTED.equals(topic)) {
                holds.runStarted(runId);
                LOG.infof("run %s started: the host is held until it completes", runId);
            } else {
                holds.runFinished(runId);
                LOG.infof("run %s completed: it no longer holds the host", runId);
            }
        });
    }

    private String runId(String topic, byte[] payload) throws IOException {
        String runId;
        if (Topics.RUN_STARTED.equals(topic)) {
            runId = mapper.readValue(payload, RunStarted.class).runId();
        } else if (Topics.TRANSFORM_COMPLETED.equals(topic)) {
            runId = mapper.readValue(payload, TransformCompleted.class).runId();
        } else {
            throw new PoisonEventException("unexpected topic " + topic);
        }
        if (runId == null || runId.isBlank()) {
            throw new PoisonEventException("event lacks runId");
        }
        return runId;
    }
}
