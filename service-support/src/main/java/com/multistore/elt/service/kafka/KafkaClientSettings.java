package com.multistore.elt.service.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * The one source of Kafka client settings for a producer a service builds itself (the raw records, the event
 * outbox): the host's {@code kafka.*} settings (Quarkus' {@code default-kafka-broker} map: bootstrap servers and
 * security, SASL and TLS), less the consumer and (de)serializer keys, then durable-delivery settings (acks=all,
 * idempotent) and the client id.
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    public static Map<String, Object> producer(Map<String, Object> host, String clientId) {
        Map<String, Object> config = new HashMap<>(host);
        config.keySet().removeIf(k -> k.startsWith("group.") || k.endsWith(".deserializer") || k.endsWith(".serializer")
                || k.startsWith("auto.offset") || k.startsWith("enable.auto.commit"));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        return config;
    }
}
