package com.multistore.elt.infra;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.InstanceEvent;
import com.multistore.elt.events.Topics;
import com.multistore.elt.infra.messaging.Outbox;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class InstanceEventsTests {

    @Inject
    Outbox outbox;

    @Test
    void anInstanceEventWrittenToTheOutboxReachesTheBrokerUnchanged() throws Exception {
        String instanceId = "i-" + Long.toHexString(System.nanoTime());
        InstanceEvent sent = new InstanceEvent(instanceId, InstanceEvent.Action.START, "pending", "scheduled start",
                Instant.parse("2026-11-22T11:25:00Z"));

        outbox.add(Topics.INSTANCE_EVENTS, instanceId, sent);

        var record = TopicProbe.awaitKey(Topics.INSTANCE_EVENTS, instanceId, Duration.ofSeconds(30));
        assertEquals(sent, EventJson.mapper().readValue(record.value(), InstanceEvent.class));
    }
}
