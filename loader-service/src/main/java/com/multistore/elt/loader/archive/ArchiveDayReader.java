package com.multistore.elt.loader.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.loader.service.DayReader;
import com.multistore.elt.loader.service.SourceRecord;
import com.multistore.elt.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Replays a day from the archive (once Kafka's retention has passed): every object under
 * {@code store=<s>/entity=<e>/date=<day>/}, in run and batch order, each line back into the record it was staged
 * from, with its original topic, partition, offset and timestamp.
 */
@ApplicationScoped
public class ArchiveDayReader implements DayReader {

    private static final Pattern BATCH = Pattern.compile("run=(.*)-(\\d+)\\.jsonl\\.gz$");

    @Inject
    RawArchive archive;

    @Inject
    LoaderConfig config;

    private final ObjectMapper mapper = EventJson.mapper();

    @Override
    public long read(LocalDate date, Set<String> stores, List<Entity> entities, BatchSink sink) throws Exception {
        List<String> storeList = stores == null ? archive.stores() : stores.stream().sorted().toList();
        long read = 0;
        List<SourceRecord> batch = new ArrayList<>();
        for (String store : storeList) {
            for (Entity entity : entities) {
                List<String> keys = new ArrayList<>(archive.list(ArchiveKeys.dayPrefix(store, entity, date)));
                keys.sort(Comparator.comparing(ArchiveDayReader::run).thenComparingInt(ArchiveDayReader::batchNumber));
                for (String key : keys) {
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                            new GZIPInputStream(archive.open(key)), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (line.isBlank()) {
                                continue;
                            }
                            batch.add(record(entity, line));
                            if (batch.size() >= config.replay().batchSize()) {
                                read += batch.size();
                                sink.accept(List.copyOf(batch));
                                batch.clear();
                            }
                        }
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            read += batch.size();
            sink.accept(List.copyOf(batch));
        }
        return read;
    }

    /** An archive line as the record it was; a line that cannot be read keeps only its bytes (it is dead-lettered). */
    private SourceRecord record(Entity entity, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            JsonNode kafka = mapper.readTree(bytes).path("kafka");
            return new SourceRecord(kafka.path("topic").asText(entity.rawTopic()), kafka.path("partition").asInt(-1),
                    kafka.path("offset").asLong(-1), kafka.path("timestamp").asLong(0),
                    kafka.path("key").isTextual() ? kafka.path("key").asText() : null, bytes);
        } catch (IOException unreadable) {
            return new SourceRecord(entity.rawTopic(), -1, -1, 0, null, bytes);
        }
    }

    private static String run(String key) {
        Matcher m = BATCH.matcher(key);
        return m.find() ? m.group(1) : key;
    }

    private static int batchNumber(String key) {
        Matcher m = BATCH.matcher(key);
        return m.find() ? Integer.parseInt(m.group(2)) : 0;
    }
}
