package com.multistore.elt.extractor.config;

import com.multistore.elt.events.Entity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** How runs extract: overlap, page sizes, bulk polling, progress. {@code pipeline.extract.*} */
@ConfigMapping(prefix = "pipeline.extract")
public interface ExtractConfig {

    /** Incremental windows start this much before the watermark (Shopify's search index lags). */
    @WithDefault("PT5M")
    Duration overlap();

    /** The entities a run extracts, in this order, per store (deletions last: a deletion seen during the run wins). */
    @WithDefault("orders,customers,products,inventory,deletions")
    List<Entity> entities();

    /**
     * How often each store's id sweep runs (entity {@code ids}: a bulk query of the GIDs it still has, which finds
     * the deletions whose destroy events Shopify no longer keeps): a scheduled or manual run of all entities adds it
     * when the store's last successful sweep is older than this; a store's first load never sweeps. A run asking for
     * entity {@code ids} sweeps at once.
     */
    @WithDefault("P7D")
    Duration sweepEvery();

    /** Page size of paged queries (at most 250); shrunk automatically when Shopify answers MAX_COST_EXCEEDED. */
    @WithDefault("250")
    int pageSize();

    /**
     * Refunds asked per {@code nodes(ids:)} query for their details (at most 250); shrunk automatically when Shopify
     * answers MAX_COST_EXCEEDED.
     */
    @WithDefault("50")
    int refundsBatchSize();

    /** Page size for orders, whose nested line items make a page expensive. */
    @WithDefault("250")
    int ordersPageSize();

    /**
     * Fewest nodes per page worth paging: when the cost cap forces smaller pages (nested connections priced by their
     * requested size), an INCREMENTAL window is extracted by a bulk query with the same filter instead.
     */
    @WithDefault("10")
    int minPageSize();

    /** First delay between two polls of a running bulk operation; doubles up to {@link #bulkPollMax()}. */
    @WithDefault("PT0.5S")
    Duration bulkPollInitial();

    @WithDefault("PT10S")
    Duration bulkPollMax();

    /** A bulk operation still running after this long is cancelled and the extract fails with TIMEOUT. */
    @WithDefault("PT6H")
    Duration bulkTimeout();

    /** How often a FAILED bulk operation is started again before the extract fails. */
    @WithDefault("1")
    int bulkFailedRetries();

    /** A run's progress row is written after this many records (and at the end). */
    @WithDefault("500")
    int progressEvery();

    /** How long the extract waits for the broker to acknowledge all records of a store x entity. */
    @WithDefault("PT2M")
    Duration ackTimeout();

    /** Threads extracting stores in parallel (one store at a time per thread). */
    @WithDefault("4")
    int storeThreads();
}
