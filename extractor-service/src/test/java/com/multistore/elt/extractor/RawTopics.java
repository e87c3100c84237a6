package com.multistore.elt.extractor;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.RawRecord;
import com.multistore.elt.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads what is on a topic right now, from the beginning to its end offsets, with a plain consumer (no group). */
public final class RawTopics {

    /** A raw record as consumed, with where it sits. */
    public record Consumed(int partition, long offset, RawRecord record) {
    }

    private RawTopics() {
    }

    public static List<Consumed> records(Entity entity, String runId, String store) {
        List<Consumed> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : all(entity.rawTopic())) {
            RawRecord record = read(r.value(), RawRecord.class);
            if (record.runId().equals(runId) && record.store().equals(store)) {
                found.add(new Consumed(r.partition(), r.offset(), record));
            }
        }
        return found;
    }

    public static List<ExtractCompleted> completions(String runId) {
        List<ExtractCompleted> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : all(Topics.EXTRACT_COMPLETED)) {
            if (runId.equals(r.key())) {
                found.add(read(r.value(), ExtractCompleted.class));
            }
        }
        return found;
    }

    static List<ConsumerRecord<String, byte[]>> all(String topic) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end + " in 120 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static <T> T read(byte[] value, Class<T> type) {
        try {
            return EventJson.mapper().readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
