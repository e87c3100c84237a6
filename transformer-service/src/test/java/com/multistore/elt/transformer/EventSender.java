package com.multistore.elt.transformer;

import com.multistore.elt.events.EventJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sends events to the test broker as the other services do (JSON, keyed by run id), waiting for the ack. */
final class EventSender {

    private EventSender() {
    }

    static void send(String topic, String key, Object event) throws Exception {
        send(topic, key, EventJson.mapper().writeValueAsString(event));
    }

    static void send(String topic, String key, String json) throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, json)).get(60, TimeUnit.SECONDS);
        }
    }
}
