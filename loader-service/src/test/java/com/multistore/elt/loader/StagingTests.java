package com.multistore.elt.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RawRecord;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.loader.service.SourceRecord;
import com.multistore.elt.loader.service.StagingRetention;
import com.multistore.elt.loader.service.StagingService;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw records through the real broker into staging (COPY), archived, announced; re-delivery adds nothing. */
@QuarkusTest
class StagingTests {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    StagingService staging;

    @Inject
    StagingRetention retention;

    @Test
    void stagesEveryRecordOnceArchivesItAndAnnouncesTheLoad() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        try (RawTraffic traffic = new RawTraffic()) {
            for (int n = 1; n <= 300; n++) {
                traffic.send(runId, n % 2 == 0 ? "retail" : "wholesale", Entity.ORDERS, n);
            }
            traffic.flush();
            traffic.complete(runId, "retail", Entity.ORDERS, 150);
            traffic.complete(runId, "wholesale", Entity.ORDERS, 150);
        }
        List<LoadCompleted> loads = LoadProbe.await(runId, 2, WAIT);
        for (LoadCompleted load : loads) {
            assertEquals(Status.SUCCEEDED, load.status(), () -> "load " + load);
            assertEquals(150, load.stagedCount());
            assertEquals(0, load.deadLetteredCount());
            assertNotNull(load.archiveUri());
        }
        assertEquals(150, database.queryForLong(
                "select count(*) from staging.orders where run_id = '" + runId + "' and store = 'retail'"));
        assertEquals(300, database.queryForLong("select count(distinct gid) from staging.orders where run_id = '" + runId + "'"));

        // the payload is the node as sent, nested line items included, and the row knows where it came from
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select payload::text, kafka_topic, kafka_offset, source_updated_at from staging.orders"
                     + " where run_id = '" + runId + "' and gid = 'gid://shopify/Order/7'")) {
            assertTrue(rs.next());
            assertEquals(RawTraffic.payload(Entity.ORDERS, 7), EventJson.mapper().readTree(rs.getString(1)));
            assertEquals("shopify.orders.raw", rs.getString(2));
            assertTrue(rs.getLong(3) >= 0);
            assertNotNull(rs.getTimestamp(4));
        }

        // the archive holds the same 150 records of the retail store, as gzip JSON lines
        LoadCompleted retail = loads.stream().filter(l -> l.store().equals("retail")).findFirst().orElseThrow();
        List<JsonNode> lines = archiveLines(retail.archiveUri());
        assertEquals(150, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.path("runId").asText().equals(runId) && l.path("kafka").has("offset")));
    }

    @Test
    void withinARunTheNewestCopyOfARecordWinsWhicheverArrivesFirst() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        String store = "newest-" + UUID.randomUUID().toString().substring(0, 8);
        try (RawTraffic traffic = new RawTraffic()) {
            // order 1: the older version is staged first, then paging returns it again after it changed (a later batch)
            sendVersion(traffic, runId, store, 1, "2026-11-21T10:00:00Z", "one-older");
            traffic.flush();
            database.awaitLong("select count(*) from staging.orders where run_id = '" + runId + "'", 1, WAIT);
            sendVersion(traffic, runId, store, 1, "2026-11-21T11:00:00Z", "one-newer");
            // order 2: the newer version first, then an older copy of it
            sendVersion(traffic, runId, store, 2, "2026-11-21T12:00:00Z", "two-newer");
            sendVersion(traffic, runId, store, 2, "2026-11-21T09:00:00Z", "two-older");
            traffic.flush();
            traffic.complete(runId, store, Entity.ORDERS, 4);
        }
        LoadCompleted load = LoadProbe.awaitOne(runId, WAIT);
        assertEquals(Status.SUCCEEDED, load.status(), () -> "load " + load);
        assertEquals(2, load.stagedCount(), "two records, each staged once");
        String where = " from staging.orders where run_id = '" + runId + "' and gid = '";
        assertEquals("one-newer", database.queryForString("select payload ->> 'name'" + where + RawTraffic.gid(Entity.ORDERS, 1) + "'"));
        assertEquals("two-newer", database.queryForString("select payload ->> 'name'" + where + RawTraffic.gid(Entity.ORDERS, 2) + "'"));
        assertEquals("2026-11-21 11:00:00", database.queryForString("select to_char(source_updated_at at time zone 'UTC',"
                + " 'YYYY-MM-DD HH24:MI:SS')" + where + RawTraffic.gid(Entity.ORDERS, 1) + "'"));
    }

    private static void sendVersion(RawTraffic traffic, String runId, String store, long n, String updatedAt, String name)
            throws Exception {
        var payload = RawTraffic.payload(Entity.ORDERS, n).put("name", name).put("updatedAt", updatedAt);
        RawRecord record = new RawRecord(runId, store, Entity.ORDERS, RawTraffic.gid(Entity.ORDERS, n),
                java.time.LocalDate.of(2026, 11, 21), java.time.Instant.parse(updatedAt),
                java.time.Instant.parse("2026-11-21T13:00:00Z"), payload);
        traffic.send(Entity.ORDERS.rawTopic(), RawRecord.key(store, record.gid()), EventJson.mapper().writeValueAsBytes(record),
                null);
    }

    @Test
    void reDeliveryAfterACrashBeforeTheOffsetCommitStagesNothingTwice() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        List<RecordMetadata> sent;
        try (RawTraffic traffic = new RawTraffic()) {
            for (int n = 1; n <= 500; n++) {
                traffic.send(runId, "retail", Entity.CUSTOMERS, n);
            }
            sent = traffic.flush();
            traffic.complete(runId, "retail", Entity.CUSTOMERS, 500);
        }
        LoadCompleted load = LoadProbe.awaitOne(runId, WAIT);
        assertEquals(500, load.stagedCount());

        // The crash: the rows committed, the offsets did not. Kafka re-delivers the very same records, and the loader
        // stages them again, as it would after a restart.
        List<SourceRecord> redelivered = readBack(sent);
        assertEquals(500, redelivered.size());
        StagingService.Outcome again = staging.stageLive(redelivered);

        assertEquals(500, again.records());
        assertEquals(0, again.staged(), "a re-delivered record must not become a second row");
        assertEquals(500, database.queryForLong("select count(*) from staging.customers where run_id = '" + runId + "'"));
        assertEquals(500, database.queryForLong("select count(distinct gid) from staging.customers where run_id = '" + runId + "'"));
        assertEquals(500, database.queryForLong(
                "select staged from ops.loader_counts where run_id = '" + runId + "' and entity = 'customers'"));
    }

    @Test
    void noRunDeletesAnotherRunsRowsTheyStayUntilTheirRunMergedAndItsRetentionPassed() throws Exception {
        String store = "store-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "run-" + UUID.randomUUID();
        String second = "run-" + UUID.randomUUID();
        try (RawTraffic traffic = new RawTraffic()) {
            for (int n = 1; n <= 20; n++) {
                traffic.send(first, store, Entity.PRODUCTS, n);
                traffic.send(first, store, Entity.INVENTORY, n);
            }
            traffic.flush();
            traffic.complete(first, store, Entity.PRODUCTS, 20);
            traffic.complete(first, store, Entity.INVENTORY, 20);
            LoadProbe.await(first, 2, WAIT);

            // a later run of the same store is declared while the first one still waits to be merged
            for (int n = 11; n <= 25; n++) {
                traffic.send(second, store, Entity.PRODUCTS, n);
            }
            traffic.flush();
            traffic.complete(second, store, Entity.PRODUCTS, 15);
        }
        assertEquals(Status.SUCCEEDED, LoadProbe.awaitOne(second, WAIT).status());
        assertEquals(20, stagedRows("products", first), "the earlier run keeps all of its products for its merge");
        assertEquals(20, stagedRows("inventory", first));
        assertEquals(15, stagedRows("products", second));

        // the first run merges: its retention starts, and nothing goes before it has passed
        try (RawTraffic traffic = new RawTraffic()) {
            traffic.send(Topics.TRANSFORM_COMPLETED, first, EventJson.mapper().writeValueAsBytes(
                    new TransformCompleted(first, 1, Status.SUCCEEDED, List.of(), new TransformCompleted.DataQuality(0, 0, 0))),
                    null);
            traffic.flush();
        }
        database.awaitLong("select count(*) from ops.loader_loads where run_id = '" + first + "' and merged_at is not null",
                2, WAIT);
        assertEquals(Map.of(), retention.expire().entrySet().stream()
                .filter(e -> e.getKey().equals(first) || e.getKey().equals(second))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(20, stagedRows("products", first));

        // three days and a bit later (loader.staging.retention P3D) the merged run's rows go; the unmerged run's stay
        database.execute("update ops.loader_loads set merged_at = merged_at - interval '3 days 1 minute'"
                + " where run_id = '" + first + "'");
        Map<String, Long> removed = retention.expire();
        assertEquals(40L, removed.get(first), () -> "removed " + removed);
        assertEquals(null, removed.get(second), () -> "removed " + removed);
        assertEquals(0, stagedRows("products", first));
        assertEquals(0, stagedRows("inventory", first));
        assertEquals(15, stagedRows("products", second));

        // a run never merged keeps its rows for loader.staging.unmerged-retention (P30D) after its declaration
        database.execute("update ops.loader_loads set declared_at = declared_at - interval '29 days'"
                + " where run_id = '" + second + "'");
        assertEquals(null, retention.expire().get(second));
        database.execute("update ops.loader_loads set declared_at = declared_at - interval '1 day 1 minute'"
                + " where run_id = '" + second + "'");
        assertEquals(15L, retention.expire().get(second));
        assertEquals(0, stagedRows("products", second));
    }

    private long stagedRows(String table, String runId) throws Exception {
        return database.queryForLong("select count(*) from staging." + table + " where run_id = '" + runId + "'");
    }

    @Test
    void aBatchTheArchiveRefusesFailsItsLoad() throws Exception {
        String store = "archfail-" + UUID.randomUUID().toString().substring(0, 8);
        String runId = "run-" + UUID.randomUUID();
        // a plain file where the store's archive directory would go: every write under it fails
        Path root = Path.of(ConfigProvider.getConfig().getValue("loader.archive.directory", String.class));
        Files.createDirectories(root);
        Files.writeString(root.resolve("store=" + store), "in the way");
        try (RawTraffic traffic = new RawTraffic()) {
            for (int n = 1; n <= 10; n++) {
                traffic.send(runId, store, Entity.CUSTOMERS, n);
            }
            traffic.flush();
            traffic.complete(runId, store, Entity.CUSTOMERS, 10);
        }
        LoadCompleted load = LoadProbe.awaitOne(runId, WAIT);
        assertEquals(Status.FAILED, load.status());
        assertTrue(load.error().startsWith("archive write of store=" + store + "/entity=customers/date="), load.error());
        assertEquals(10, load.stagedCount(), "the rows are staged; the load fails because its audit copy is missing");
    }

    static List<JsonNode> archiveLines(String archiveUri) throws Exception {
        // the URI names the run's batches as a pattern: <root>/store=.../date=<d>/run=<id>-*.jsonl.gz
        Path pattern = Path.of(URI.create(archiveUri.replace("*", "STAR")));
        String runPrefix = pattern.getFileName().toString().replace("STAR.jsonl.gz", "");
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(pattern.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(runPrefix)).toList()) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(EventJson.mapper().readTree(line));
                    }
                }
            }
        }
        return lines;
    }

    /** Reads the sent records back from the broker with a plain consumer (what a re-delivery hands the loader). */
    static List<SourceRecord> readBack(List<RecordMetadata> sent) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        List<SourceRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, long[]> ranges = new java.util.HashMap<>();
            for (RecordMetadata m : sent) {
                ranges.merge(new TopicPartition(m.topic(), m.partition()), new long[] {m.offset(), m.offset()},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
            java.util.Set<String> wanted = new java.util.HashSet<>();
            sent.forEach(m -> wanted.add(m.partition() + "@" + m.offset()));
            consumer.assign(ranges.keySet());
            ranges.forEach((tp, range) -> consumer.seek(tp, range[0]));
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (records.size() < sent.size() && java.time.Instant.now().isBefore(deadline)) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.remove(r.partition() + "@" + r.offset())) {
                        records.add(new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
                    }
                }
            }
        }
        return records;
    }
}
