package com.multistore.elt.loader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RawRecord;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.loader.service.InvalidRawRecordException;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.multistore.elt.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad records go to etl.dlq with where-from and why, are counted in the load, and the good ones around them stage. */
@QuarkusTest
class DeadLetterTests {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void malformedRecordsAreDeadLetteredWithHeadersAndTheGoodOnesAroundThemAreStaged() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        String store = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = Topics.raw(Entity.ORDERS);
        byte[] notJson = "{\"runId\": \"broken".getBytes(StandardCharsets.UTF_8);
        byte[] noGid = without(RawTraffic.rawRecord(runId, store, Entity.ORDERS, 901), "gid");
        byte[] noStore = without(RawTraffic.rawRecord(runId, store, Entity.ORDERS, 902), "store");
        ObjectNode nul = (ObjectNode) EventJson.mapper().readTree(RawTraffic.rawRecord(runId, store, Entity.ORDERS, 903));
        ((ObjectNode) nul.get("payload")).put("note", "a\u0000b");   // jsonb refuses \u0000: PostgreSQL cannot stage it
        byte[] refused = EventJson.mapper().writeValueAsBytes(nul);

        List<RecordMetadata> sent;
        try (RawTraffic traffic = new RawTraffic()) {
            traffic.send(runId, store, Entity.ORDERS, 1);
            traffic.send(topic, store + "/broken", notJson, null);
            traffic.send(runId, store, Entity.ORDERS, 2);
            traffic.send(topic, RawRecord.key(store, "gid://shopify/Order/901"), noGid, null);
            traffic.send(topic, RawRecord.key(store, "gid://shopify/Order/902"), noStore, null);
            traffic.send(runId, store, Entity.ORDERS, 3);
            traffic.send(topic, RawRecord.key(store, "gid://shopify/Order/903"), refused, null);
            traffic.send(runId, store, Entity.ORDERS, 4);
            sent = traffic.flush();
            traffic.complete(runId, store, Entity.ORDERS, 8);
        }

        LoadCompleted load = LoadProbe.awaitOne(runId, WAIT);
        assertEquals(Status.SUCCEEDED, load.status());
        assertEquals(4, load.stagedCount());
        assertEquals(2, load.deadLetteredCount(), "the dead letters whose run could be read count against the load");
        assertEquals(4, database.queryForLong("select count(*) from staging.orders where run_id = '" + runId + "'"));

        Map<String, RecordMetadata> bad = Map.of("notJson", sent.get(1), "noGid", sent.get(3), "noStore", sent.get(4),
                "refused", sent.get(6));
        var positions = bad.values().stream().map(m -> m.partition() + "@" + m.offset()).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> letters = TopicProbe.await(Topics.DEAD_LETTERS,
                r -> topic.equals(header(r, DeadLetterHeaders.SOURCE_TOPIC))
                        && positions.contains(header(r, DeadLetterHeaders.SOURCE_PARTITION) + "@"
                        + header(r, DeadLetterHeaders.SOURCE_OFFSET)), 4, WAIT);
        Map<String, ConsumerRecord<String, byte[]>> byPosition = letters.stream().collect(Collectors.toMap(
                r -> header(r, DeadLetterHeaders.SOURCE_PARTITION) + "@" + header(r, DeadLetterHeaders.SOURCE_OFFSET),
                r -> r, (a, b) -> a));
        for (var entry : bad.entrySet()) {
            var letter = byPosition.get(entry.getValue().partition() + "@" + entry.getValue().offset());
            assertEquals("loader-service", header(letter, DeadLetterHeaders.SERVICE));
            assertEquals(InvalidRawRecordException.class.getName(), header(letter, DeadLetterHeaders.ERROR_CLASS));
            String reason = header(letter, DeadLetterHeaders.ERROR_MESSAGE);
            switch (entry.getKey()) {
                case "notJson" -> {
                    assertTrue(reason.startsWith("not valid JSON"), reason);
                    assertNull(header(letter, DeadLetterHeaders.RUN_ID));
                    assertArrayEquals(notJson, letter.value(), "the original bytes are kept");
                    assertEquals(store + "/broken", letter.key());
                }
                case "noGid" -> {
                    assertEquals("missing gid", reason);
                    assertEquals(runId, header(letter, DeadLetterHeaders.RUN_ID));
                    assertArrayEquals(noGid, letter.value());
                }
                case "noStore" -> assertEquals("missing store", reason);
                case "refused" -> {
                    assertTrue(reason.contains("PostgreSQL refused the record (SQLState 22"), reason);
                    assertEquals(runId, header(letter, DeadLetterHeaders.RUN_ID));
                }
                default -> throw new IllegalStateException(entry.getKey());
            }
        }
    }

    @Test
    void aRecordClaimingAnotherEntityIsCountedInTheLoadOfItsTopic() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        String store = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = Topics.raw(Entity.ORDERS);
        ObjectNode misfiled = (ObjectNode) EventJson.mapper().readTree(RawTraffic.rawRecord(runId, store, Entity.ORDERS, 904));
        misfiled.put("entity", Entity.CUSTOMERS.code());

        try (RawTraffic traffic = new RawTraffic()) {
            traffic.send(runId, store, Entity.ORDERS, 1);
            traffic.send(topic, RawRecord.key(store, "gid://shopify/Order/904"), EventJson.mapper().writeValueAsBytes(misfiled), null);
            traffic.send(runId, store, Entity.ORDERS, 2);
            traffic.flush();
            traffic.complete(runId, store, Entity.ORDERS, 3);
        }

        LoadCompleted load = LoadProbe.awaitOne(runId, WAIT);
        assertEquals(Status.SUCCEEDED, load.status());
        assertEquals(Entity.ORDERS, load.entity());
        assertEquals(2, load.stagedCount());
        assertEquals(1, load.deadLetteredCount(), "the misfiled record is reported by the load of the topic it came on");
    }

    private static byte[] without(byte[] rawRecord, String field) throws Exception {
        ObjectNode node = (ObjectNode) EventJson.mapper().readTree(rawRecord);
        node.remove(field);
        return EventJson.mapper().writeValueAsBytes(node);
    }

}
