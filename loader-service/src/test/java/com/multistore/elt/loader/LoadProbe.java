package com.multistore.elt.loader;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Topics;
import com.multistore.elt.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads the load events the service published. */
final class LoadProbe {

    private LoadProbe() {
    }

    static List<LoadCompleted> await(String runId, int count, Duration timeout) {
        return TopicProbe.await(Topics.LOAD_COMPLETED, r -> runId.equals(r.key()), count, timeout).stream()
                .map(r -> read(r.value())).toList();
    }

    static LoadCompleted awaitOne(String runId, Duration timeout) {
        return await(runId, 1, timeout).get(0);
    }

    /** How many load events of the run are on the topic now (reads to the end offsets). */
    static long countNow(String runId) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LOAD_COMPLETED, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long found = 0;
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && Instant.now().isBefore(deadline)) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (runId.equals(r.key())) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    static LoadCompleted read(byte[] value) {
        try {
            return EventJson.mapper().readValue(value, LoadCompleted.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
