package com.multistore.elt.notifier;

import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Events produced by a real producer reach the notifier through the broker. */
@QuarkusTest
class TransformCompletedListenerTests {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void aTwiceDeliveredEventClaimsOneNotification() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        String marker = "run-" + UUID.randomUUID();
        String failed = json(new TransformCompleted(runId, 1, Status.FAILED, List.of(), new TransformCompleted.DataQuality(3, 0, 1)));
        String later = json(new TransformCompleted(marker, 1, Status.SUCCEEDED, List.of(), new TransformCompleted.DataQuality(4, 0, 0)));
        // one partition, so the marker is handled after both copies
        companion.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, 0, runId, failed),
                new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, 0, runId, failed),
                new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, 0, marker, later)).awaitCompletion();

        awaitRow("select count(*) from ops.notifications where run_id = '" + marker + "'");

        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId + "'"));
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and attempt = 1 and kind = 'SNS_ALERT' and status = 'PENDING'"));
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + marker
                + "' and kind = 'POWERBI_REFRESH'"));
    }

    @Test
    void anUnreadableEventIsDeadLetteredWithItsOrigin() throws Exception {
        String key = "run-" + UUID.randomUUID();
        String garbage = "{\"runId\": \"" + key + "\", \"status\": \"MAYBE\"";
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, 1, key, garbage))
                .awaitCompletion();

        var dead = TopicProbe.awaitKey(Topics.DEAD_LETTERS, key, Duration.ofSeconds(30));

        assertArrayEquals(garbage.getBytes(), dead.value(), "the original bytes are kept");
        assertEquals(Topics.TRANSFORM_COMPLETED, TopicProbe.header(dead, DeadLetterHeaders.SOURCE_TOPIC));
        assertEquals("1", TopicProbe.header(dead, DeadLetterHeaders.SOURCE_PARTITION));
        assertNotNull(TopicProbe.header(dead, DeadLetterHeaders.SOURCE_OFFSET));
        assertEquals("notifier-service", TopicProbe.header(dead, DeadLetterHeaders.SERVICE));
        assertNotNull(TopicProbe.header(dead, DeadLetterHeaders.ERROR_MESSAGE));
        assertEquals(0, database.queryForLong("select count(*) from ops.notifications where run_id = '" + key + "'"));
    }

    private static String json(TransformCompleted event) throws Exception {
        return EventJson.mapper().writeValueAsString(event);
    }

    private void awaitRow(String countQuery) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (database.queryForLong(countQuery) > 0) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no row within 30 s: " + countQuery);
    }
}
