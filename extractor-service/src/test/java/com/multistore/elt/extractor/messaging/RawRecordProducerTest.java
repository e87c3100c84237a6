package com.multistore.elt.extractor.messaging;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The raw producer keeps the host's Kafka security settings, so it works on a secured cluster too. */
class RawRecordProducerTest {

    @Test
    void theHostsSecuritySettingsAreKeptAndConsumerKeysDropped() {
        Map<String, Object> settings = RawRecordProducer.settings(Map.of(
                "bootstrap.servers", "broker-1:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/kafka/truststore.jks",
                "group.id", "extractor-service",
                "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));

        assertEquals("broker-1:9093", settings.get("bootstrap.servers"));
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", settings.get("sasl.mechanism"));
        assertEquals("/etc/kafka/truststore.jks", settings.get("ssl.truststore.location"));
        assertFalse(settings.containsKey("group.id"));
        assertFalse(settings.containsKey("value.deserializer"));
        assertEquals("all", settings.get("acks"));
        assertEquals(true, settings.get("enable.idempotence"));
    }
}
