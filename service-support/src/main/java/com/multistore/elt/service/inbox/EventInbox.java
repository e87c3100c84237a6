package com.multistore.elt.service.inbox;

import com.multistore.elt.events.DeadLetterHeaders;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How every service takes in an event: read (parse and validate), then handle. An event that cannot be read, or that
 * its handler finds invalid ({@link PoisonEventException}, {@link IllegalArgumentException}), is poison: it is nacked
 * with the {@link DeadLetterHeaders} of this service and the run (the record key), so the channel's
 * {@code failure-strategy=dead-letter-queue} puts it on {@code etl.dlq}, once, and the partition moves on. Anything
 * else (the database down, a lock or statement timeout, a broker or HTTP timeout) is transient: the handler is tried
 * again with backoff ({@link InboxConfig}), the event is neither acknowledged nor
 * dead-lettered, the partition waits, and this readiness check is DOWN, naming the channel and the reason, until the
 * event is handled. A service subclasses it as {@code @Readiness @ApplicationScoped} and its listeners call
 * {@link #take}; their methods are {@code @Blocking} (ordered), which keeps one event per partition at a time.
 */
public abstract class EventInbox implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    /** Parses and validates an event's bytes; throws when they are not a valid event. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(byte[] payload) throws Exception;
    }

    /** Handles a valid event; an exception other than poison means "try again". */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(T event) throws Exception;
    }

    private final Map<String, String> stalled = new ConcurrentHashMap<>();

    @Inject
    InboxConfig config;

    @Inject
    @ConfigProperty(name = "quarkus.application.name")
    String service;

    public <T> CompletionStage<Void> take(String channel, Message<byte[]> message, Reader<T> reader,
                                          Handler<T> handler) {
        String runId = key(message);
        T event;
        try {
            byte[] payload = message.getPayload();
            if (payload == null || payload.length == 0) {
                throw new PoisonEventException("the event has no value");
            }
            event = reader.read(payload);
        } catch (Exception e) {
            return deadLetter(channel, message, runId, e);
        }
        T read = event;
        Exception poison;
        try {
            poison = untilHandled(channel, "run " + runId, () -> handler.handle(read));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            // neither acked nor nacked: the event stays uncommitted and is delivered again after a restart
            return new CompletableFuture<>();
        }
        return poison == null ? message.ack() : deadLetter(channel, message, runId, poison);
    }

    /** A unit of work that either completes or throws; what a batch consumer hands to {@link #takeBatch}. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Handles a batch whose records are dealt with one by one inside {@code work} (the loader's raw records: an
     * unreadable record is dead-lettered there): any exception is transient, so the batch is tried again with the same
     * backoff until it is handled, and readiness is DOWN meanwhile; it is never skipped. Returns when it is handled.
     */
    public void takeBatch(String channel, String what, Work work) throws InterruptedException {
        untilHandled(channel, what, () -> {
            try {
                work.run();
            } catch (PoisonEventException | IllegalArgumentException e) {
                // a batch is not one event: nothing to dead-letter as a whole, so it is tried again
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** Runs the work until it succeeds (null) or finds the event poison (that exception); transient failures wait. */
    private Exception untilHandled(String channel, String what, Work work) throws InterruptedException {
        long backoff = config.retryInitial().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                if (stalled.remove(channel) != null) {
                    LOG.infof("%s: %s handled after %d tries; the channel goes on", what, channel, attempt);
                }
                return null;
            } catch (PoisonEventException | IllegalArgumentException e) {
                stalled.remove(channel);
                return e;
            } catch (Exception e) {
                String reason = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
                stalled.put(channel, what + ": " + reason);
                LOG.warnf("%s: %s not handled (try %d), trying again in %d ms: %s", what, channel, attempt,
                        backoff, reason);
                Thread.sleep(backoff);
                backoff = Math.min(config.retryMax().toMillis(), backoff * 2);
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event inbox").status(stalled.isEmpty());
        stalled.forEach(response::withData);
        return response.build();
    }

    private CompletionStage<Void> deadLetter(String channel, Message<byte[]> message, String runId, Exception e) {
        LOG.errorf("run %s: %s event dead-lettered: %s: %s", runId, channel, e.getClass().getSimpleName(),
                firstLine(e.getMessage()));
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.SERVICE, service.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.RUN_ID, runId.getBytes(StandardCharsets.UTF_8));
        return message.nack(e, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }

    private static String key(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> {
            Object key = m.getKey();
            return key == null ? "" : key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : key.toString();
        }).orElse("");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
