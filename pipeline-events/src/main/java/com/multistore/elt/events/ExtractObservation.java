package com.multistore.elt.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the extractor saw of one store x entity, for the transformer's reconciliation: the distinct records it
 * published; for orders the sums over the newest version of each ({@link #TOTAL_PRICE} and {@link #TOTAL_REFUNDED}
 * in shop money, {@link #LINE_QUANTITY} the ordered quantity of their lines); for refunds the refunds the orders
 * listed, those gone when asked, and their lines' units and subtotal; and Shopify's own count
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
    /** refunds: the refunds the run's orders list (each asked by GID), of which {@link #REFUNDS_GONE} came back null. */
    public static final String REFUNDS_LISTED = "refunds_listed";
    public static final String REFUNDS_GONE = "refunds_gone";
    /** refunds: the refunded units and the refunded subtotal (shop money) of their refund lines. */
    public static final String REFUND_LINE_QUANTITY = "refund_line_quantity";
    public static final String REFUND_LINE_SUBTOTAL = "refund_line_subtotal";

    public ExtractObservation {
        sums = Collections.unmodifiableMap(sums == null ? new TreeMap<>() : new TreeMap<>(sums));
    }
}
