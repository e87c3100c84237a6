package com.multistore.elt.loader.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.loader.archive.ArchiveKeys;
import com.multistore.elt.loader.archive.RawArchive;
import com.multistore.elt.loader.config.LoaderConfig;
import com.multistore.elt.loader.repository.StagingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Archives a staged batch: one gzip JSONL object per (run, store, entity, day), the day being the Kafka timestamp's
 * date in the store's time zone (the same day a replay from Kafka selects). Each line is the RawRecord as received
 * plus a {@code kafka} object (topic, partition, offset, timestamp, key), so the archive can be replayed into the
 * same staging rows. A failed write is recorded against the load (which then fails), not thrown.
 */
@ApplicationScoped
public class BatchArchiver {

    private static final Logger LOG = Logger.getLogger(BatchArchiver.class);

    @Inject
    RawArchive archive;

    @Inject
    StagingRepository staging;

    @Inject
    LoaderConfig config;

    @Inject
    LoaderMetrics metrics;

    private final ObjectMapper mapper = EventJson.mapper();

    private record Group(String runId, String store, Entity entity, LocalDate date) {
    }

    void archive(Connection connection, Collection<StageableRecord> records) throws SQLException {
        Map<Group, List<StageableRecord>> groups = new LinkedHashMap<>();
        for (StageableRecord r : records) {
            LocalDate date = Instant.ofEpochMilli(r.source().timestamp()).atZone(config.zoneOf(r.store())).toLocalDate();
            groups.computeIfAbsent(new Group(r.runId(), r.store(), r.entity(), date), g -> new java.util.ArrayList<>()).add(r);
        }
        for (var group : groups.entrySet()) {
            Group g = group.getKey();
            int batch = staging.nextArchiveBatch(connection, g.runId(), g.store(), g.entity(), g.date());
            String key = ArchiveKeys.batch(g.store(), g.entity(), g.date(), g.runId(), batch);
            try {
                archive.write(key, gzipLines(group.getValue()));
            } catch (IOException | RuntimeException e) {
                metrics.archiveFailure();
                String error = "archive write of " + key + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.errorf("run %s: %s", g.runId(), error);
                staging.recordArchiveFailure(connection, g.runId(), g.store(), g.entity(), error);
            }
        }
    }

    private byte[] gzipLines(List<StageableRecord> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            for (StageableRecord r : records) {
                ObjectNode line = r.tree();
                ObjectNode kafka = line.putObject("kafka");
                kafka.put("topic", r.source().topic());
                kafka.put("partition", r.source().partition());
                kafka.put("offset", r.source().offset());
                kafka.put("timestamp", r.source().timestamp());
                kafka.put("key", r.source().key());
                out.write(mapper.writeValueAsBytes(line));
                out.write('\n');
            }
        }
        return bytes.toByteArray();
    }
}
