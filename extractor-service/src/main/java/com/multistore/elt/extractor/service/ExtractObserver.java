package com.multistore.elt.extractor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractObservation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one store x entity's extraction saw, for the reconciliation: the distinct records published and, for orders,
 * the sums over the newest version of each (total price and total refunded in shop money, ordered line units); for
 * refunds, how many the orders listed and how many were gone when asked, and their lines' units and subtotal. The
 * paged path can publish a record twice (it changed while the window was paged), so it keeps the newest version per
 * record; a bulk operation is one snapshot and publishes each record once, so it keeps running sums only.
 */
final class ExtractObserver {

    private final boolean orders;
    private final boolean refunds;
    private final boolean mayRepeat;
    private long refundsListed;
    private long refundsGone;
    private final Map<String, Seen> newest = new HashMap<>();
    private long records;
    private final BigDecimal[] sums = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};

    ExtractObserver(Entity entity, boolean mayRepeat) {
        this.orders = entity == Entity.ORDERS;
        this.refunds = entity == Entity.REFUNDS;
        this.mayRepeat = mayRepeat;
    }

    void accept(String gid, Instant updatedAt, JsonNode node) {
        BigDecimal[] figures = orders ? figures(node) : refunds ? refundFigures(node) : null;
        if (!mayRepeat) {
            records++;
            add(figures);
            return;
        }
        Seen before = newest.get(gid);
        if (before != null && before.updatedAt != null && updatedAt != null && updatedAt.isBefore(before.updatedAt)) {
            return;
        }
        newest.put(gid, new Seen(updatedAt, figures));
    }

    /** Refunds: of the {@code listed} refunds the orders named, {@code gone} answered null. */
    void gone(long gone, long listed) {
        this.refundsGone = gone;
        this.refundsListed = listed;
    }

    ExtractObservation observation(Instant countFrom, Instant countTo, Long shopifyCount, String precision) {
        if (mayRepeat) {
            records = newest.size();
            newest.values().forEach(s -> add(s.figures));
            newest.clear();
        }
        Map<String, BigDecimal> totals = new TreeMap<>();
        if (orders) {
            totals.put(ExtractObservation.TOTAL_PRICE, sums[0]);
            totals.put(ExtractObservation.TOTAL_REFUNDED, sums[1]);
            totals.put(ExtractObservation.LINE_QUANTITY, sums[2]);
        }
        if (refunds) {
            totals.put(ExtractObservation.REFUNDS_LISTED, BigDecimal.valueOf(refundsListed));
            totals.put(ExtractObservation.REFUNDS_GONE, BigDecimal.valueOf(refundsGone));
            totals.put(ExtractObservation.REFUND_LINE_QUANTITY, sums[0]);
            totals.put(ExtractObservation.REFUND_LINE_SUBTOTAL, sums[1]);
        }
        return new ExtractObservation(records, totals, countFrom, countTo, shopifyCount, precision);
    }

    private void add(BigDecimal[] figures) {
        if (figures == null) {
            return;
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] = sums[i].add(figures[i]);
        }
    }

    /** An order's total price and total refunded (shop money) and the ordered units of its lines. */
    private static BigDecimal[] figures(JsonNode order) {
        long units = 0;
        for (JsonNode line : order.path("lineItems").path("nodes")) {
            units += line.path("quantity").asLong();
        }
        return new BigDecimal[]{amount(order.path("totalPriceSet")), amount(order.path("totalRefundedSet")),
                BigDecimal.valueOf(units)};
    }

    /** A refund's refunded units and refunded subtotal (shop money) over its lines; the third figure unused. */
    private static BigDecimal[] refundFigures(JsonNode refund) {
        long units = 0;
        BigDecimal subtotal = BigDecimal.ZERO;
        for (JsonNode line : refund.path("refundLineItems").path("nodes")) {
            units += line.path("quantity").asLong();
            subtotal = subtotal.add(amount(line.path("subtotalSet")));
        }
        return new BigDecimal[]{BigDecimal.valueOf(units), subtotal, BigDecimal.ZERO};
    }

    private static BigDecimal amount(JsonNode moneyBag) {
        JsonNode amount = moneyBag.path("shopMoney").path("amount");
        return amount.isMissingNode() || amount.isNull() ? BigDecimal.ZERO : new BigDecimal(amount.asText());
    }

    private record Seen(Instant updatedAt, BigDecimal[] figures) {
    }
}
