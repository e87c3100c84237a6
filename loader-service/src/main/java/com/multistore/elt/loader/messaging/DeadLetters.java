package com.multistore.elt.loader.messaging;

import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.loader.service.Rejection;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publishes rejected records to {@code etl.dlq}: the original key and bytes, and headers saying where they came from
 * and why ({@link DeadLetterHeaders}). The send completes when the broker acknowledged every record.
 */
@ApplicationScoped
public class DeadLetters {

    static final String SERVICE = "loader-service";

    @Inject
    @Channel("dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
    MutinyEmitter<byte[]> deadLetters;

    public Uni<Void> send(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(rejections.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(Rejection rejection) {
        var source = rejection.source();
        byte[] value = source.value() == null ? new byte[0] : source.value();
        var record = KafkaRecord.of(source.key(), value)
                .withHeader(DeadLetterHeaders.SOURCE_TOPIC, utf8(source.topic()))
                .withHeader(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())))
                .withHeader(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())))
                .withHeader(DeadLetterHeaders.SERVICE, utf8(SERVICE))
                .withHeader(DeadLetterHeaders.ERROR_CLASS, utf8(rejection.error().getClass().getName()))
                .withHeader(DeadLetterHeaders.ERROR_MESSAGE, utf8(String.valueOf(rejection.error().getMessage())));
        if (rejection.runId() != null) {
            record = record.withHeader(DeadLetterHeaders.RUN_ID, utf8(rejection.runId()));
        }
        return deadLetters.sendMessage(record);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
