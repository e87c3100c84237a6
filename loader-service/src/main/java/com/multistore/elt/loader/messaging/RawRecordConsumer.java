package com.multistore.elt.loader.messaging;

import com.multistore.elt.loader.service.SourceRecord;
import com.multistore.elt.loader.service.StagingService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the four raw topics in batches and stages each batch. The offsets are acknowledged (and committed by the
 * connector) only after this method returns, i.e. after the batch's transaction committed. A record that cannot be
 * read or staged is dead-lettered by the staging; a batch that cannot be staged (PostgreSQL unreachable) is tried
 * again by the event inbox with backoff, readiness DOWN meanwhile, until it is staged: no record is skipped and the
 * channel stays alive.
 */
@ApplicationScoped
public class RawRecordConsumer {

    private static final Logger LOG = Logger.getLogger(RawRecordConsumer.class);

    @Inject
    StagingService staging;

    @Inject
    Inbox inbox;

    @Incoming("raw")
    @Blocking
    public void stage(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<SourceRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            batch.add(new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
        }
        inbox.takeBatch("raw records", "a batch of " + batch.size() + " raw records", () -> {
            StagingService.Outcome outcome = staging.stageLive(batch);
            if (LOG.isDebugEnabled()) {
                LOG.debugf("staged a batch of %d records: %d new rows, %d dead-lettered", outcome.records(),
                        outcome.staged(), outcome.deadLettered());
            }
        });
    }
}
