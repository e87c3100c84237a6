package com.multistore.elt.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the extractor saw of one store x entity, for the transformer's reconciliation: the distinct records it
 * published; for orders the sums over the newest version of each ({@link #TOTAL_PRICE} and {@link #TOTAL_REFUNDED}
 * in shop money, {@link #LINE_QUANTITY} the ordered quantity of their lines); and Shopify's own count
 * ({@code ordersCount(query:, limit: null)} ...) of the records updated in {@code [countFrom, countTo)}, asked after
 * the extraction (null where Shopify has no count: inventory items, deletions). Carried by {@code etl.extract.completed}
 * and passed on unchanged by the loader in {@code etl.load.completed}.
 */
public record ExtractObservation(
        long records,
        Map<String, BigDecimal> sums,
        Instant countFrom,
        Instant countTo,
        Long shopifyCount,
        String shopifyCountPrecision) {

    public static final String TOTAL_PRICE = "total_price";
    public static final String TOTAL_REFUNDED = "total_refunded";
    public static final String LINE_QUANTITY = "line_quantity";

    public ExtractObservation {
        sums = Collections.unmodifiableMap(sums == null ? new TreeMap<>() : new TreeMap<>(sums));
    }
}
