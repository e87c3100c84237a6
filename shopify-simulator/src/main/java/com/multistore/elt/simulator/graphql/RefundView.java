package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.LocationRecord;
import com.multistore.elt.simulator.model.RefundRecord;
import com.multistore.elt.simulator.model.ShopData;
import graphql.schema.DataFetchingEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A refund: the whole order (cancelled/refunded) or its first line (partially refunded). */
public final class RefundView implements Typed {
    private final ShopSession s;
    private final OrderView order;
    private final RefundRecord r;

    public RefundView(ShopSession s, OrderView order, RefundRecord r) {
        this.s = s;
        this.order = order;
        this.r = r;
    }

    @Override
    public String typeName() {
        return "Refund";
    }

    public String id() {
        return Values.gid("Refund", r.id());
    }

    public String legacyResourceId() {
        return String.valueOf(r.id());
    }

    public String createdAt() {
        return Values.time(r.createdAt());
    }

    public String processedAt() {
        return Values.time(r.createdAt());
    }

    public String updatedAt() {
        return Values.time(r.createdAt());
    }

    public String note() {
        return r.note();
    }

    public OrderView order() {
        return order;
    }

    public Values.MoneyBag totalRefundedSet() {
        return Values.bag(r.amountCents(), s.currency(), order.o.presentmentCurrency, order.o.presentmentRatePpm);
    }

    private boolean full() {
        return order.o.fullyRefunded();
    }

    private Values.MoneyBag bag(long cents) {
        return Values.bag(cents, s.currency(), order.o.presentmentCurrency, order.o.presentmentRatePpm);
    }

    /**
     * The refunded lines: all of them for a full refund or a paid order's cancellation (the first carries the order's
     * tax), else the first line (a returned item). Subtotals, tax and shipping add up to the refund's total.
     */
    public Object getRefundLineItems(DataFetchingEnvironment env) {
        boolean full = full();
        List<LineItemView> lines = order.lineItemViews();
        List<LineItemView> refunded = full ? lines : lines.subList(0, 1);
        String restock = order.o.cancelledAt != 0 ? "CANCEL" : full ? "NO_RESTOCK" : "RETURN";
        LocationRecord location = s.data.locations.isEmpty() ? null : s.data.locations.get(0);
        return Connections.list(env, refunded, LineItemView::rawId, l -> {
            long lineSequence = l.rawId() - s.data.base - ShopData.LINE_ITEM;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Values.gid("RefundLineItem", s.data.base + ShopData.REFUND + ShopData.REFUND_LINE + lineSequence));
            m.put("lineItem", l);
            m.put("location", location == null || restock.equals("NO_RESTOCK") ? null : new LocationView(s, location));
            m.put("quantity", l.line().quantity());
            m.put("priceSet", l.discountedUnitPriceSet());
            m.put("subtotalSet", l.discountedTotalSet());
            m.put("totalTaxSet", bag(full && l == refunded.get(0) ? order.o.taxCents : 0));
            m.put("restockType", restock);
            m.put("restocked", restock.equals("RETURN") || restock.equals("CANCEL"));
            return m;
        });
    }

    public Object getRefundShippingLines(DataFetchingEnvironment env) {
        List<Long> shipping = order.refundsShipping() ? List.of(s.data.base + ShopData.REFUND + ShopData.REFUND_SHIPPING
                + s.data.sequenceOf(order.o.id, ShopData.ORDER)) : List.of();
        return Connections.list(env, shipping, id -> id, id -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", Values.gid("ShippingLine", id));
            line.put("title", "Standard Shipping");
            line.put("code", "STANDARD");
            line.put("source", "shopify");
            line.put("originalPriceSet", bag(order.o.shippingCents));
            line.put("discountedPriceSet", bag(order.o.shippingCents));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Values.gid("RefundShippingLine", id));
            m.put("shippingLine", line);
            m.put("subtotalAmountSet", bag(order.o.shippingCents));
            m.put("taxAmountSet", bag(0));
            return m;
        });
    }

    /** No discrepancy: the refunded lines, tax and shipping make the refund's total. */
    public Object getOrderAdjustments(DataFetchingEnvironment env) {
        return Connections.list(env, List.<Long>of(), id -> id, id -> id);
    }

    public Object getTransactions(DataFetchingEnvironment env) {
        List<TransactionView> refunds = TransactionView.of(s, order).stream()
                .filter(t -> t.kindName().equals("REFUND")).toList();
        return Connections.list(env, refunds, TransactionView::rawId, t -> t);
    }
}
