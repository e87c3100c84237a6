package com.multistore.elt.notifier;

import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.events.Topics;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** An event the notifier cannot read is dead-lettered, never lost, and claims nothing. */
@QuarkusTest
class TransformCompletedListenerTests {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectTestDatabase
    TestDatabase database;

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
}
