package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.ShopData;
import com.multistore.elt.simulator.service.ShopRuntime;

import java.time.Clock;

/**
 * What a GraphQL execution needs beyond the query: the shop, the request's base URL (for bulk file URLs), the API
 * version, the pipeline clock (business "now"), and in bulk mode the slice of root objects this step executes.
 */
public final class ShopSession {
    public static final String KEY = "shopSession";

    public final ShopRuntime runtime;
    public final ShopData data;
    /** Business "now" (lifetimes, the shop's current offset); the search lag below is measured in real time. */
    public final Clock clock;
    public final String baseUrl;
    public final String version;
    public final String requestId;
    /** Bulk mode: nested connections return every child; the root connection returns one chunk after bulkAfter. */
    public final boolean bulk;
    public final String bulkAfter;
    public final int bulkChunk;
    /** Set by the root connection in bulk mode: where the next chunk starts, null when done. */
    public String bulkNextCursor;
    public int bulkRootCount;

    public ShopSession(ShopRuntime runtime, Clock clock, String baseUrl, String version, String requestId) {
        this(runtime, clock, baseUrl, version, requestId, false, null, 0);
    }

    public ShopSession(ShopRuntime runtime, Clock clock, String baseUrl, String version, String requestId, boolean bulk,
                       String bulkAfter, int bulkChunk) {
        this.runtime = runtime;
        this.data = runtime.data();
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.version = version;
        this.requestId = requestId;
        this.bulk = bulk;
        this.bulkAfter = bulkAfter;
        this.bulkChunk = bulkChunk;
    }

    public String currency() {
        return data.currency;
    }

    /**
     * Real time, not {@link #clock}: writes carry the real millis they were made at and become visible to search
     * after real seconds pass, also when the clock is fixed.
     */
    public long searchLagCutoffMillis() {
        long lag = runtime.faults.searchLagSeconds;
        return lag <= 0 ? Long.MAX_VALUE : System.currentTimeMillis() - lag * 1000;
    }
}
