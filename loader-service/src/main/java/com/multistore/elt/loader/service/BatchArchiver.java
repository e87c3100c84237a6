package com.multistore.elt.loader.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.loader.archive.ArchiveKeys;
import com.multistore.elt.loader.archive.RawArchive;
import com.multistore.elt.loader.repository.StagingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Archives a staged batch: one gzip JSONL object per (run, store, entity, day), the day being the record's business
 * date: the store's business date in the run that extracted it (the same day a replay from Kafka selects). Each line is the RawRecord as received
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
    LoaderMetrics metrics;

    private final ObjectMapper mapper = EventJson.mapper();

    private static final byte[] KAFKA_MEMBER = ",\"kafka\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] LINE_END = "}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private record Group(String runId, String store, Entity entity, LocalDate date) {
    }

    void archive(Connection connection, Collection<StageableRecord> records) throws SQLException {
        Map<Group, List<StageableRecord>> groups = new LinkedHashMap<>();
        for (StageableRecord r : records) {
            groups.computeIfAbsent(new Group(r.runId(), r.store(), r.entity(), r.businessDate()), g -> new java.util.ArrayList<>()).add(r);
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

    /** The record's bytes as received (a JSON object) with a {@code kafka} member added before the closing brace. */
    private void writeLine(OutputStream out, StageableRecord r) throws IOException {
        byte[] value = oneLine(r.source().value());
        int end = value.length - 1;
        while (end > 0 && value[end] != '}') {
            end--;
        }
        ObjectNode kafka = mapper.createObjectNode();
        kafka.put("topic", r.source().topic());
        kafka.put("partition", r.source().partition());
        kafka.put("offset", r.source().offset());
        kafka.put("timestamp", r.source().timestamp());
        kafka.put("key", r.source().key());
        int start = 0;
        while (start < end && Character.isWhitespace(value[start])) {
            start++;
        }
        out.write(value, start, end - start);
        out.write(KAFKA_MEMBER);
        out.write(mapper.writeValueAsBytes(kafka));
        out.write(LINE_END);
    }

    /** Valid JSON has line breaks only as whitespace between tokens: they become spaces, so a record is one line. */
    private static byte[] oneLine(byte[] value) {
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                byte[] copy = value.clone();
                for (int j = i; j < copy.length; j++) {
                    if (copy[j] == '\n' || copy[j] == '\r') {
                        copy[j] = ' ';
                    }
                }
                return copy;
            }
        }
        return value;
    }

    private byte[] gzipLines(List<StageableRecord> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            for (StageableRecord r : records) {
                writeLine(out, r);
            }
        }
        return bytes.toByteArray();
    }
}
