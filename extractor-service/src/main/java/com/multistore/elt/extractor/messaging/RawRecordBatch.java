package com.multistore.elt.extractor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.RawRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * The records of one store x entity of a run on their raw topic. Sends are asynchronous; {@link #awaitAcks} waits
 * until the broker acknowledged every one of them and returns, per partition, the next offset after the highest
 * acknowledged record: the end offsets of {@code etl.extract.completed} (the loader's barrier). Any failed send
 * fails the batch.
 */
public final class RawRecordBatch {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final ObjectMapper json;
    private final Map<Integer, Long> endOffsets = new TreeMap<>();
    private long sent;
    private long acknowledged;
    private Exception failure;

    RawRecordBatch(Producer<String, byte[]> producer, String topic, ObjectMapper json) {
        this.producer = producer;
        this.topic = topic;
        this.json = json;
    }

    public void send(RawRecord record) {
        byte[] value;
        try {
            value = json.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record " + record.key() + " cannot be written as JSON", e);
        }
        synchronized (this) {
            if (failure != null) {
                throw new IllegalStateException("a send to " + topic + " failed: " + failure.getMessage(), failure);
            }
            sent++;
        }
        // The record's Kafka timestamp is its extraction time (the pipeline clock), which a replay by day seeks by.
        producer.send(new ProducerRecord<>(topic, null, record.extractedAt().toEpochMilli(), record.key(), value),
                (metadata, error) -> {
            synchronized (this) {
                if (error != null) {
                    if (failure == null) {
                        failure = error;
                    }
                } else {
                    acknowledged++;
                    endOffsets.merge(metadata.partition(), metadata.offset() + 1, Math::max);
                }
                notifyAll();
            }
        });
    }

    /** Waits for every acknowledgement; the end offsets per partition (only partitions that got records). */
    public Map<Integer, Long> awaitAcks(Duration timeout) throws TimeoutException, InterruptedException {
        producer.flush(); // outside the lock: the acknowledgement callbacks need it
        synchronized (this) {
            return awaitAcknowledged(timeout);
        }
    }

    private Map<Integer, Long> awaitAcknowledged(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failure == null && acknowledged < sent) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(topic + ": " + (sent - acknowledged) + " of " + sent
                        + " records not acknowledged within " + timeout.toSeconds() + " s");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (failure != null) {
            throw new IllegalStateException("a send to " + topic + " failed: " + failure.getMessage(), failure);
        }
        return new TreeMap<>(endOffsets);
    }

    public synchronized long sent() {
        return sent;
    }

    public synchronized long acknowledged() {
        return acknowledged;
    }
}
