package com.multistore.elt.loader.messaging;

import com.multistore.elt.events.Entity;
import com.multistore.elt.loader.config.LoaderConfig;
import com.multistore.elt.loader.service.BusinessDay;
import com.multistore.elt.loader.service.DayReader;
import com.multistore.elt.loader.service.RawRecordReader;
import com.multistore.elt.loader.service.ReadRecord;
import com.multistore.elt.loader.service.StageableRecord;
import com.multistore.elt.loader.service.SourceRecord;
import com.multistore.elt.service.store.StoresConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a day from the raw topics with a bounded consumer of its own: no consumer group, nothing committed, so the
 * live consumer's offsets and assignment are untouched. It seeks each partition to the first offset at or after the
 * day's earliest start over the stores' zones (offsetsForTimes; a raw record's timestamp is its extraction time),
 * reads up to the end offsets taken at the start, and keeps the records whose business date is the day (a run may
 * extract past midnight, so it never stops early). A record that cannot be read is kept when its timestamp falls in
 * its store's day: staging dead-letters it as the live path did.
 */
@ApplicationScoped
public class KafkaDayReader implements DayReader {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    LoaderConfig config;

    @Inject
    StoresConfig storesConfig;

    @Inject
    RawRecordReader reader;

    @Override
    public long read(LocalDate date, Set<String> stores, List<Entity> entities, BatchSink sink) throws Exception {
        BusinessDay day = new BusinessDay(date, storesConfig);
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.replay().batchSize());
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "loader-replay-" + date);
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Entity entity : entities) {
                List<PartitionInfo> infos = consumer.partitionsFor(entity.rawTopic(), Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            long from = day.earliestStart(stores).toEpochMilli();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, from));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<TopicPartition> active = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                if (start != null && start.offset() < ends.get(tp)) {
                    active.add(tp);
                }
            }
            consumer.assign(active);
            active.forEach(tp -> consumer.seek(tp, starts.get(tp).offset()));
            long deadline = System.nanoTime() + config.replay().timeout().toNanos();
            List<SourceRecord> batch = new ArrayList<>();
            while (!active.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replay of " + date + " did not reach the end offsets within "
                            + config.replay().timeout() + " (still reading " + active + ")");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(config.replay().pollTimeout())) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= ends.get(tp)) {
                        continue;
                    }
                    String store = storeOf(r.key());
                    if (stores != null && !stores.contains(store)) {
                        continue;
                    }
                    SourceRecord source = new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(),
                            r.value());
                    ReadRecord parsed = reader.read(source);
                    if (parsed instanceof StageableRecord good ? !day.contains(good)
                            : !day.containsTimestamp(store, r.timestamp())) {
                        continue;
                    }
                    batch.add(source);
                    if (batch.size() >= config.replay().batchSize()) {
                        read += batch.size();
                        sink.accept(List.copyOf(batch));
                        batch.clear();
                    }
                }
                if (active.removeIf(tp -> consumer.position(tp) >= ends.get(tp))) {
                    consumer.assign(active);
                }
            }
            if (!batch.isEmpty()) {
                read += batch.size();
                sink.accept(List.copyOf(batch));
            }
        }
        return read;
    }

    /** The store part of a raw key {@code <store>/<gid>}; an unreadable key gives "". */
    private static String storeOf(String key) {
        if (key == null) {
            return "";
        }
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }
}
