package com.multistore.elt.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.RawRecord;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends raw records and completions to the real broker exactly as the extractor does: RawRecord JSON keyed
 * {@code <store>/<gid>} on {@code shopify.<entity>.raw}, then an {@code etl.extract.completed} whose end offsets are
 * the acknowledged positions of those sends. Payloads are the example nodes of pipeline-test-support with their ids
 * varied.
 */
final class RawTraffic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    /** Per topic: the next offset after the last acknowledged send, per partition. */
    private final Map<String, Map<Integer, Long>> endOffsets = new TreeMap<>();
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    RawTraffic() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
    }

    /** The example payload of an entity with its id (and legacy id) replaced by the n-th gid. */
    static ObjectNode payload(Entity entity, long n) {
        ObjectNode node = (ObjectNode) EXAMPLES.get(entity).deepCopy();
        node.put(entity == Entity.DELETIONS ? "subjectId" : "id", gid(entity, n));
        if (node.has("legacyResourceId")) {
            node.put("legacyResourceId", Long.toString(n));
        }
        return node;
    }

    static String gid(Entity entity, long n) {
        return "gid://shopify/" + TYPES.get(entity) + "/" + n;
    }

    static byte[] rawRecord(String runId, String store, Entity entity, long n) {
        return rawRecord(runId, store, entity, n, Instant.parse("2026-11-22T06:00:00Z"), payload(entity, n));
    }

    static byte[] rawRecord(String runId, String store, Entity entity, long n, Instant extractedAt, ObjectNode payload) {
        return rawRecord(runId, store, entity, n, LocalDate.of(2026, 11, 22), extractedAt, payload);
    }

    /** A record of the store's business date {@code businessDate} (null: the older format, without one). */
    static byte[] rawRecord(String runId, String store, Entity entity, long n, LocalDate businessDate, Instant extractedAt,
                            ObjectNode payload) {
        RawRecord record = new RawRecord(runId, store, entity, gid(entity, n), businessDate,
                Instant.parse("2026-11-21T16:02:11Z").plusSeconds(n), extractedAt, payload);
        try {
            return EventJson.mapper().writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one RawRecord (as the extractor would). */
    void send(String runId, String store, Entity entity, long n) {
        send(entity.rawTopic(), RawRecord.key(store, gid(entity, n)), rawRecord(runId, store, entity, n), null);
    }

    /** Sends one RawRecord to a chosen partition. */
    void sendToPartition(String runId, String store, Entity entity, long n, int partition) {
        send(entity.rawTopic(), partition, RawRecord.key(store, gid(entity, n)), rawRecord(runId, store, entity, n), null);
    }

    /** Sends any bytes to a topic, optionally with a timestamp; the send counts towards the end offsets. */
    void send(String topic, String key, byte[] value, Long timestamp) {
        send(topic, null, key, value, timestamp);
    }

    void send(String topic, Integer partition, String key, byte[] value, Long timestamp) {
        pending.add(producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value), (metadata, error) -> {
            if (error == null) {
                synchronized (endOffsets) {
                    endOffsets.computeIfAbsent(metadata.topic(), t -> new TreeMap<>())
                            .merge(metadata.partition(), metadata.offset() + 1, Math::max);
                }
            }
        }));
    }

    /** Waits for every send's acknowledgement and returns the metadata, in send order. */
    List<RecordMetadata> flush() throws ExecutionException, InterruptedException {
        producer.flush();
        List<RecordMetadata> acked = new ArrayList<>();
        for (Future<RecordMetadata> f : pending) {
            acked.add(f.get());
        }
        pending.clear();
        return acked;
    }

    Map<Integer, Long> endOffsets(Entity entity) {
        synchronized (endOffsets) {
            return new TreeMap<>(endOffsets.getOrDefault(entity.rawTopic(), Map.of()));
        }
    }

    /** Publishes the extractor's completion for a store and entity with the end offsets acknowledged so far. */
    void complete(String runId, String store, Entity entity, long recordCount) throws Exception {
        completeWith(new ExtractCompleted(runId, store, entity, Status.SUCCEEDED, recordCount,
                Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z"), endOffsets(entity), null));
    }

    void completeWith(ExtractCompleted completed) throws Exception {
        producer.send(new ProducerRecord<>(Topics.EXTRACT_COMPLETED, completed.runId(),
                EventJson.mapper().writeValueAsBytes(completed))).get();
    }

    @Override
    public void close() {
        producer.close();
    }

    /**
     * The GID type of each entity's records (a deletion's record is keyed by its subject: here a product; the id
     * sweep's records here are products).
     */
    private static final Map<Entity, String> TYPES = Map.of(Entity.ORDERS, "Order", Entity.CUSTOMERS, "Customer",
            Entity.PRODUCTS, "Product", Entity.INVENTORY, "InventoryItem", Entity.DELETIONS, "Product",
            Entity.IDS, "Product", Entity.REFUNDS, "Refund");
    private static final Map<Entity, JsonNode> EXAMPLES = Map.of(
            Entity.ORDERS, example("order"), Entity.CUSTOMERS, example("customer"),
            Entity.PRODUCTS, example("product"), Entity.INVENTORY, example("inventory-item"),
            Entity.DELETIONS, example("deletion"), Entity.IDS, example("swept-product"),
            Entity.REFUNDS, example("refund"));

    private static JsonNode example(String name) {
        try (InputStream in = RawTraffic.class.getClassLoader().getResourceAsStream("shopify/payloads/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing example payload " + name);
            }
            return EventJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
