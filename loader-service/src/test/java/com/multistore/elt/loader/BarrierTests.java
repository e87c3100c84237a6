package com.multistore.elt.loader;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Status;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offset barrier: a completion is a load only once every announced record is staged. */
@QuarkusTest
class BarrierTests {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PER_PARTITION = 10;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void aCompletionThatArrivesBeforeItsLastRecordsWaitsForThem() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        String store = "barrier-" + UUID.randomUUID().toString().substring(0, 8);
        Map<Integer, Long> current = endOffsets(Entity.INVENTORY.rawTopic());
        Map<Integer, Long> announced = new TreeMap<>();
        current.forEach((p, end) -> announced.put(p, end + PER_PARTITION));
        int records = PER_PARTITION * current.size();

        try (RawTraffic traffic = new RawTraffic()) {
            // the extractor's completion overtakes its records (another topic, another consumer)
            traffic.completeWith(new ExtractCompleted(runId, store, Entity.INVENTORY, Status.SUCCEEDED, records,
                    null, Instant.parse("2026-11-22T00:00:00Z"), announced, null));
            Thread.sleep(5_000);
            assertEquals(0, LoadProbe.countNow(runId), "no load event before the records are staged");
            assertEquals(0, database.queryForLong("select count(*) from ops.loader_loads where run_id = '" + runId + "'"));

            int n = 0;
            for (int p : current.keySet()) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    traffic.sendToPartition(runId, store, Entity.INVENTORY, ++n, p);
                }
            }
            traffic.flush();
            assertEquals(announced, traffic.endOffsets(Entity.INVENTORY), "the test announced the real end offsets");
        }
        LoadCompleted load = LoadProbe.awaitOne(runId, WAIT);
        assertEquals(Status.SUCCEEDED, load.status());
        assertEquals(records, load.stagedCount());
        assertEquals(records, database.queryForLong("select count(*) from staging.inventory where run_id = '" + runId + "'"));
    }

    @Test
    void aFailedExtractYieldsAFailedLoad() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        try (RawTraffic traffic = new RawTraffic()) {
            traffic.completeWith(new ExtractCompleted(runId, "retail", Entity.PRODUCTS, Status.FAILED, 0, null, null,
                    Map.of(), "Shopify answered THROTTLED 5 times"));
        }
        LoadCompleted load = LoadProbe.awaitOne(runId, WAIT);
        assertEquals(Status.FAILED, load.status());
        assertTrue(load.error().contains("extract failed: Shopify answered THROTTLED 5 times"), load.error());
    }

    @Test
    void aRedeliveredCompletionDeclaresItsLoadOnce() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        ExtractCompleted failed = new ExtractCompleted(runId, "retail", Entity.PRODUCTS, Status.FAILED, 0, null, null,
                Map.of(), "Shopify answered THROTTLED 5 times");
        try (RawTraffic traffic = new RawTraffic()) {
            traffic.completeWith(failed);
            traffic.completeWith(failed);
            // the run's next completion: the same key, so the same partition, handled after both copies
            traffic.completeWith(new ExtractCompleted(runId, "retail", Entity.CUSTOMERS, Status.FAILED, 0, null, null,
                    Map.of(), "marker"));
        }
        List<LoadCompleted> events = LoadProbe.await(runId, 3, WAIT);
        List<LoadCompleted> products = events.stream().filter(e -> e.entity() == Entity.PRODUCTS).toList();
        assertEquals(2, products.size(), () -> "the copy re-publishes the declared load: " + events);
        assertEquals(products.get(0), products.get(1), "the copy's event is the first declaration, unchanged");
        assertEquals(1, database.queryForLong("select count(*) from ops.loader_loads where run_id = '" + runId
                + "' and entity = 'products'"), "declared once");
        assertEquals(3, LoadProbe.countNow(runId));
    }

    private static Map<Integer, Long> endOffsets(String topic) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<Integer, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }
}
