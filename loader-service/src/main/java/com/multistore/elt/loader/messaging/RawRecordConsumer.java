package com.multistore.elt.loader.messaging;

import com.multistore.elt.loader.service.SourceRecord;
import com.multistore.elt.loader.service.StagingService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the four raw topics in batches and stages each batch. The offsets are acknowledged (and committed by the
 * connector) only after this method returns, i.e. after the batch's transaction committed. A batch that cannot be
 * staged (PostgreSQL unreachable) is retried; after that the channel stops and readiness reports it, so no record is
 * skipped.
 */
@ApplicationScoped
public class RawRecordConsumer {

    private static final Logger LOG = Logger.getLogger(RawRecordConsumer.class);

    @Inject
    StagingService staging;

    @Incoming("raw")
    @Blocking
    @Retry(maxRetries = 30, delay = 2, delayUnit = ChronoUnit.SECONDS, maxDuration = 10, durationUnit = ChronoUnit.MINUTES)
    public void stage(ConsumerRecords<String, byte[]> records) throws SQLException {
        List<SourceRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            batch.add(new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
        }
        StagingService.Outcome outcome = staging.stageLive(batch);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("staged a batch of %d records: %d new rows, %d dead-lettered", outcome.records(), outcome.staged(),
                    outcome.deadLettered());
        }
    }
}
