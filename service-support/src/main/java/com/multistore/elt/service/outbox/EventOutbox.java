package com.multistore.elt.service.outbox;

import com.multistore.elt.events.EventJson;
import com.multistore.elt.service.kafka.KafkaClientSettings;
import com.multistore.elt.service.sql.SqlFiles;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How every service sends an event that follows a database write: {@link #add} writes the event into
 * {@code ops.outbox} on the caller's connection, so the row and its event commit (or roll back) together; this
 * service's relay (one thread) publishes its unpublished events in the order they were written, waits for the
 * broker's acknowledgement and marks them. After a crash it publishes what is left; an event published but not yet
 * marked is published again, which every consumer tolerates. While the broker refuses, the relay tries again with
 * doubling pauses and this readiness check ({@code event outbox}) is DOWN with the reason and the backlog.
 * A service subclasses it as {@code @Readiness @Startup @ApplicationScoped}.
 */
public abstract class EventOutbox implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EventOutbox.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    @Inject
    OutboxConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile String stalled;
    private volatile Thread relay;
    private KafkaProducer<String, byte[]> producer;
    private long lastPurge;

    /**
     * Writes an event to send after the caller's transaction commits, on the caller's connection (in a JTA
     * transaction: any connection of the datasource). The relay is woken when that transaction commits.
     */
    public void add(Connection connection, String topic, String key, Object event) throws SQLException {
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalArgumentException("event for " + topic + " cannot be written as JSON: " + e.getMessage(), e);
        }
        try (PreparedStatement insert = connection.prepareStatement(SqlFiles.text("sql/ops/outbox/add.sql"))) {
            insert.setString(1, service);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, json);
            insert.executeUpdate();
        }
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        wake();
                    }
                }
            });
        } else if (connection.getAutoCommit()) {
            wake();
        }
    }

    /** Writes an event: within the caller's JTA transaction when there is one, else in a transaction of its own. */
    public void add(String topic, String key, Object event) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            add(connection, topic, key, event);
        }
    }

    /** Asks the relay to look now (after a commit of events written on a connection of the caller's own). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @PostConstruct
    void start() {
        if (!config.relay()) {
            LOG.warnf("%s: the event outbox relay is off (pipeline.outbox.relay=false): events are written, not published",
                    service);
            return;
        }
        running = true;
        Thread thread = new Thread(this::relay, "event-outbox-relay");
        thread.setDaemon(true);
        relay = thread;
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread thread = relay;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void relay() {
        long pause = config.pollEvery().toMillis();
        while (running) {
            int published;
            try {
                published = publishPending();
                if (stalled != null) {
                    LOG.infof("%s: the event outbox publishes again", service);
                }
                stalled = null;
                pause = config.pollEvery().toMillis();
                purgeOld();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                stalled = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
                LOG.warnf("%s: event outbox not published, trying again in %d ms: %s", service, pause, stalled);
                published = 0;
                if (!await(pause)) {
                    return;
                }
                pause = Math.min(config.retryMax().toMillis(), pause * 2);
                continue;
            }
            if (published < config.batchSize() && !await(config.pollEvery().toMillis())) {
                return;
            }
        }
    }

    /** Waits until woken or the pause has passed; false when the relay is stopping. */
    private boolean await(long millis) {
        synchronized (signal) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!woken && running) {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            woken = false;
        }
        return running;
    }

    private int publishPending() throws SQLException, InterruptedException {
        List<Pending> batch = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(SqlFiles.text("sql/ops/outbox/unpublished.sql"))) {
            select.setString(1, service);
            select.setInt(2, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Pending(rs.getLong("id"), rs.getString("topic"), rs.getString("event_key"),
                            rs.getString("payload"), rs.getLong("age_ms")));
                }
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (Pending event : batch) {
            sends.add(producer().send(new ProducerRecord<>(event.topic(), event.key(),
                    event.payload().getBytes(StandardCharsets.UTF_8))));
        }
        List<Long> published = new ArrayList<>();
        RuntimeException refused = null;
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (int i = 0; i < batch.size(); i++) {
            Pending event = batch.get(i);
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                sends.get(i).get(left, TimeUnit.NANOSECONDS);
                published.add(event.id());
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                refused = new IllegalStateException(event.topic() + " (outbox #" + event.id() + ", key " + event.key()
                        + ") not acknowledged: " + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()));
                notSent(event, refused.getMessage());
                // later events wait behind this one, so that the order they were written in is kept
                break;
            }
        }
        markPublished(published);
        for (Pending event : batch) {
            if (!published.contains(event.id())) {
                break;
            }
            LOG.infof("%s: %s published (outbox #%d, %d ms after it was written)", event.key(), event.topic(),
                    event.id(), Math.max(0, event.ageMs()));
        }
        if (refused != null) {
            throw refused;
        }
        return batch.size();
    }

    private void markPublished(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(SqlFiles.text("sql/ops/outbox/published.sql"))) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private void notSent(Pending event, String reason) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(SqlFiles.text("sql/ops/outbox/not_sent.sql"))) {
            update.setString(1, reason);
            update.setLong(2, event.id());
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("%s: outbox #%d: the refused send could not be counted: %s", service, event.id(), e.getMessage());
        }
    }

    private void purgeOld() throws SQLException {
        long now = System.nanoTime();
        if (lastPurge != 0 && now - lastPurge < PURGE_EVERY.toNanos()) {
            return;
        }
        lastPurge = now;
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement(SqlFiles.text("sql/ops/outbox/purge.sql"))) {
            delete.setString(1, service);
            delete.setDouble(2, config.keep().toSeconds());
            int purged = delete.executeUpdate();
            if (purged > 0) {
                LOG.infof("%s: %d published events older than %s removed from the outbox", service, purged,
                        config.keep());
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = KafkaClientSettings.producer(kafkaConfig, service + "-outbox");
            int timeout = (int) Math.max(1000, config.sendTimeout().toMillis());
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 15_000));
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event outbox");
        String reason = stalled;
        response.status(reason == null);
        if (!config.relay()) {
            response.withData("relay", "off (pipeline.outbox.relay=false): events are held");
        }
        if (reason != null) {
            response.withData("reason", reason);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement(SqlFiles.text("sql/ops/outbox/pending_count.sql"))) {
            count.setString(1, service);
            try (ResultSet rs = count.executeQuery()) {
                if (rs.next()) {
                    response.withData("unpublished", rs.getLong(1));
                    Timestamp oldest = rs.getTimestamp(2);
                    if (oldest != null) {
                        response.withData("oldest", oldest.toInstant().toString());
                    }
                }
            }
        } catch (SQLException e) {
            response.withData("unpublished", "unknown: " + firstLine(e.getMessage()));
        }
        return response.build();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private record Pending(long id, String topic, String key, String payload, long ageMs) {
    }
}
