package com.multistore.elt.loader;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RawRecord;
import com.multistore.elt.events.Status;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100,000 RawRecords (2 stores x 4 entities x 12,500) through the real broker into staging, with the right counts.
 * The live consumer is paused while they are produced, so the time from its resume to the last staged row is the
 * loader's own Kafka-to-staging rate; it is logged and written to {@code target/bench/loader-100k.txt}. With
 * {@code -Dbench.loader-jsonl=<file>} the test also writes the same records as JSONL for
 * {@code deploy/bench/loader-copy-vs-psql.sh} (a plain {@code psql \copy} of them).
 */
@QuarkusTest
class VolumeTests {

    private static final Logger LOG = Logger.getLogger(VolumeTests.class);
    private static final Duration WAIT = Duration.ofSeconds(900);
    private static final String[] STORES = {"retail", "wholesale"};
    private static final int PER_STORE_AND_ENTITY = 12_500;
    private static final int TOTAL = STORES.length * Entity.values().length * PER_STORE_AND_ENTITY;

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    KafkaClientService kafkaClients;

    @Test
    void stagesAHundredThousandRecordsWithTheRightCounts() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        KafkaConsumer<String, byte[]> live = kafkaClients.getConsumer("raw");
        Instant deadline = Instant.now().plusSeconds(120);
        while (live.getAssignments().await().atMost(Duration.ofSeconds(30)).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        live.pause().await().atMost(Duration.ofSeconds(30));

        String jsonl = System.getProperty("bench.loader-jsonl");
        long produceStarted = System.nanoTime();
        try (RawTraffic traffic = new RawTraffic();
             OutputStream lines = jsonl == null ? OutputStream.nullOutputStream()
                     : new BufferedOutputStream(Files.newOutputStream(Path.of(jsonl)), 1 << 20)) {
            for (int n = 1; n <= PER_STORE_AND_ENTITY; n++) {
                for (String store : STORES) {
                    for (Entity entity : Entity.values()) {
                        byte[] value = RawTraffic.rawRecord(runId, store, entity, n);
                        traffic.send(entity.rawTopic(), RawRecord.key(store, RawTraffic.gid(entity, n)), value, null);
                        lines.write(value);
                        lines.write('\n');
                    }
                }
            }
            traffic.flush();
            double produceSeconds = (System.nanoTime() - produceStarted) / 1e9;
            long stagedWhilePaused = staged(runId);

            long resumed = System.nanoTime();
            live.resume().await().atMost(Duration.ofSeconds(30));
            for (String store : STORES) {
                for (Entity entity : Entity.values()) {
                    traffic.complete(runId, store, entity, PER_STORE_AND_ENTITY);
                }
            }
            Instant stagingDeadline = Instant.now().plus(WAIT);
            while (staged(runId) < TOTAL && Instant.now().isBefore(stagingDeadline)) {
                Thread.sleep(250);
            }
            double stagingSeconds = (System.nanoTime() - resumed) / 1e9;
            report(produceSeconds, stagedWhilePaused, stagingSeconds);
        }

        List<LoadCompleted> loads = LoadProbe.await(runId, STORES.length * Entity.values().length, WAIT);
        for (LoadCompleted load : loads) {
            assertEquals(Status.SUCCEEDED, load.status(), () -> "load " + load);
            assertEquals(PER_STORE_AND_ENTITY, load.stagedCount(), () -> "load " + load);
            assertEquals(0, load.deadLetteredCount());
        }
        for (Entity entity : Entity.values()) {
            assertEquals(STORES.length * PER_STORE_AND_ENTITY, database.queryForLong(
                    "select count(*) from staging." + entity.code() + " where run_id = '" + runId + "'"));
            assertEquals(STORES.length * PER_STORE_AND_ENTITY, database.queryForLong(
                    "select count(distinct (store, gid)) from staging." + entity.code() + " where run_id = '" + runId + "'"));
        }
    }

    private long staged(String runId) throws Exception {
        return database.queryForLong("select coalesce(sum(staged), 0) from ops.loader_counts where run_id = '" + runId + "'");
    }

    private static void report(double produceSeconds, long stagedWhilePaused, double stagingSeconds) throws Exception {
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM: unknown").replaceAll("\\s+", " ");
        String text = String.format(Locale.ROOT, """
                records: %d
                produced (consumer paused) in: %.1f s; staged while paused: %d
                Kafka -> staging after resume: %.1f s = %.0f records/s
                test JVM (loader + in-JVM broker + producer): peak heap used (sum of pool peaks) %d MB, %s
                """, TOTAL, produceSeconds, stagedWhilePaused, stagingSeconds, TOTAL / stagingSeconds,
                heapPeak >> 20, hwm);
        LOG.info("volume: " + text.replace('\n', ';'));
        Path out = Path.of("target", "bench", "loader-100k.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        assertTrue(stagingSeconds > 0);
    }
}
