package com.multistore.elt.extractor.messaging;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.service.kafka.KafkaClientSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The producer of the raw topics: idempotent, acks=all, one per service. A plain Kafka producer (not an emitter)
 * because the extract's barrier needs each send's acknowledged partition and offset.
 */
@ApplicationScoped
public class RawRecordProducer {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private volatile KafkaProducer<String, byte[]> producer;

    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    /** A batch for one store x entity of a run. */
    public RawRecordBatch batch(Entity entity) {
        KafkaProducer<String, byte[]> p = producer();
        awaitLeaders(p, entity.rawTopic());
        return new RawRecordBatch(p, entity.rawTopic(), EventJson.mapper());
    }

    /**
     * Waits until the topic's partitions all have a leader before the first send: an idempotent producer whose first
     * batch to a just-created topic fails with NOT_LEADER can get stuck on out-of-order sequences until the delivery
     * timeout (seen on a broker that auto-creates topics).
     */
    private void awaitLeaders(KafkaProducer<String, byte[]> p, String topic) {
        if (ready.contains(topic)) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<PartitionInfo> partitions = p.partitionsFor(topic);
            if (!partitions.isEmpty() && partitions.stream().allMatch(i -> i.leader() != null && !i.leader().isEmpty())) {
                ready.add(topic);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has partitions without a leader: " + partitions);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + topic, e);
            }
        }
    }

    /**
     * The raw producer's settings: the host's Kafka client settings (bootstrap servers, and security: SASL, TLS), less
     * consumer and (de)serializer keys, then this producer's own (idempotent, acks=all, batched, lz4).
     */
    static Map<String, Object> settings(Map<String, Object> host) {
        Map<String, Object> config = KafkaClientSettings.producer(host, "extractor-raw");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = settings(kafkaConfig);
                    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
