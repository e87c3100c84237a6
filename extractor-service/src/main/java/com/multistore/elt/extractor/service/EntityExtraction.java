package com.multistore.elt.extractor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.RawRecord;
import com.multistore.elt.extractor.client.EntityQueries;
import com.multistore.elt.extractor.client.ShopifyApiException;
import com.multistore.elt.extractor.client.ShopifyGraphQl;
import com.multistore.elt.extractor.client.StoreClients;
import com.multistore.elt.extractor.config.ExtractConfig;
import com.multistore.elt.extractor.messaging.RawRecordBatch;
import com.multistore.elt.extractor.messaging.RawRecordProducer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Extracts one store x entity: runs the paged path (INCREMENTAL; a bulk query with the same window when the cost cap
 * makes paging pointless) or the bulk path (BULK, SNAPSHOT), publishes every node as a RawRecord keyed
 * {@code <store>/<gid>}, writes progress, and waits until the broker acknowledged every record. Deletions are paged
 * only, each keyed by its subject's GID and dated by the event's createdAt. The id sweep runs its three bulk queries
 * of GIDs (orders, customers, products with their variants) one after the other. Orders also collect the GIDs of the
 * refunds they list; the refunds item then asks those refunds' details by GID ({@link RefundDetails}).
 */
@ApplicationScoped
public class EntityExtraction {

    private static final Logger LOG = Logger.getLogger(EntityExtraction.class);

    @Inject
    StoreClients clients;

    @Inject
    BulkExtraction bulk;

    @Inject
    RawRecordProducer producer;

    @Inject
    RunLedger runs;

    @Inject
    ExtractConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final Map<Entity, EntityQueries> queries =
            new EnumMap<>(Entity.class);

    public ExtractResult extract(String runId, PlannedItem item) throws InterruptedException, TimeoutException {
        return extract(runId, item, List.of());
    }

    /** {@code refundIds}: for the refunds item, the refunds the store's orders of this run listed. */
    public ExtractResult extract(String runId, PlannedItem item, List<String> refundIds)
            throws InterruptedException, TimeoutException {
        ShopifyGraphQl client = clients.of(item.store());
        EntityQueries q = queries(item.entity());
        double costBefore = clients.metrics().costSpent(item.store());
        RawRecordBatch batch = producer.batch(item.entity());
        Counter published = Counter.builder("extractor.records.published").tag("store", item.store())
                .tag("entity", item.entity().code()).register(registry);
        Instant extractedAt = clock.instant();
        // Shopify's count is asked, after the extraction, for the records updated before it started
        Instant countTo = truncated(item.to() != null && item.to().isBefore(extractedAt) ? item.to() : extractedAt);
        ExtractObserver observer = new ExtractObserver(item.entity(), item.mode() == ExtractMode.INCREMENTAL);
        Instant[] largest = {null};
        long[] count = {0};
        String[] operation = {null};
        boolean deletions = item.entity() == Entity.DELETIONS;
        Set<String> listedRefunds = new LinkedHashSet<>();
        NodeSink sink = node -> {
            // a deletion is keyed by the deleted subject and dated by its event
            String gid = node.path(deletions ? "subjectId" : "id").asText(null);
            if (gid == null) {
                throw new ShopifyApiException("BAD_ANSWER", item.entity().code() + " node without "
                        + (deletions ? "subjectId" : "id"));
            }
            Instant updatedAt = updatedAt(node.get(deletions ? "createdAt" : "updatedAt"));
            batch.send(new RawRecord(runId, item.store(), item.entity(), gid, item.businessDate(), updatedAt, extractedAt,
                    node));
            published.increment();
            observer.accept(gid, updatedAt, node);
            if (item.entity() == Entity.ORDERS) {
                for (JsonNode refund : node.path("refunds")) {
                    String refundId = refund.path("id").asText(null);
                    if (refundId != null) {
                        listedRefunds.add(refundId);
                    }
                }
            }
            if (updatedAt != null && (largest[0] == null || updatedAt.isAfter(largest[0]))) {
                largest[0] = updatedAt;
            }
            if (++count[0] % config.progressEvery() == 0) {
                runs.progress(runId, item.store(), item.entity(), count[0],
                        clients.metrics().costSpent(item.store()) - costBefore, operation[0]);
            }
        };
        String filter = deletions ? SearchFilter.deletions(item.from(), item.to())
                : SearchFilter.updatedAt(item.from(), item.to());
        if (item.entity() == Entity.REFUNDS) {
            observer.gone(RefundDetails.run(client, q, refundIds, config.refundsBatchSize(), config.minPageSize(),
                    runId, sink), refundIds.size());
        } else if (item.entity() == Entity.IDS) {
            // the sweep: every GID the store has now, one bulk query per connection; its watermark is its start
            for (EntityQueries part : EntityQueries.sweepParts()) {
                bulk.run(client, part, null, runId, id -> {
                    operation[0] = id;
                    runs.progress(runId, item.store(), item.entity(), count[0], 0, id);
                }, sink);
            }
            largest[0] = extractedAt;
        } else if (!q.hasBulk()) {
            PagedExtraction.run(client, q, filter, config.pageSize(), 1, runId, sink);
        } else if (item.mode() == ExtractMode.INCREMENTAL) {
            int pageSize = item.entity() == Entity.ORDERS ? config.ordersPageSize()
                    : config.pageSize();
            try {
                PagedExtraction.run(client, q, filter, pageSize, config.minPageSize(), runId, sink);
            } catch (PagingTooExpensiveException e) {
                LOG.infof("run %s store %s %s: %s; extracting the window with a bulk query", runId, item.store(),
                        item.entity().code(), e.getMessage());
                bulk.run(client, q, filter, runId, id -> operation[0] = id, sink);
            }
        } else {
            bulk.run(client, q, item.mode() == ExtractMode.SNAPSHOT ? null : filter, runId, id -> {
                operation[0] = id;
                runs.progress(runId, item.store(), item.entity(), count[0], 0, id);
            }, sink);
        }
        Map<Integer, Long> endOffsets = batch.awaitAcks(config.ackTimeout());
        Instant countFrom = item.mode() == ExtractMode.INCREMENTAL ? truncated(item.from()) : null;
        Long shopifyCount = null;
        String precision = null;
        if (q.countDocument() != null) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("query", SearchFilter.updatedAt(countFrom, countTo));
            JsonNode counted = client.execute(q.countOperation(), q.countDocument(), variables).data().path("count");
            if (!counted.path("count").isNumber()) {
                throw new ShopifyApiException("BAD_ANSWER", item.store() + " " + q.countOperation() + ": no count");
            }
            shopifyCount = counted.path("count").asLong();
            precision = counted.path("precision").asText("EXACT");
        }
        return new ExtractResult(count[0], largest[0], endOffsets, clients.metrics().costSpent(item.store()) - costBefore,
                observer.observation(countFrom, countTo, shopifyCount, precision), List.copyOf(listedRefunds));
    }

    private static Instant truncated(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private EntityQueries queries(Entity entity) {
        synchronized (queries) {
            return queries.computeIfAbsent(entity, EntityQueries::of);
        }
    }

    private static Instant updatedAt(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(value.asText()).toInstant();
        }
    }
}
