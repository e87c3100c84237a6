package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.RefundRecord;
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

    public Object getRefundLineItems(DataFetchingEnvironment env) {
        boolean full = r.amountCents() >= order.o.totalCents();
        List<LineItemView> lines = order.lineItemViews();
        List<LineItemView> refunded = full ? lines : lines.subList(0, 1);
        return Connections.list(env, refunded, LineItemView::rawId, l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", null);
            m.put("lineItem", l);
            m.put("quantity", l.line().quantity());
            m.put("priceSet", l.discountedUnitPriceSet());
            m.put("subtotalSet", l.discountedTotalSet());
            m.put("totalTaxSet", Values.bag(0, s.currency(), order.o.presentmentCurrency, order.o.presentmentRatePpm));
            m.put("restockType", "RETURN");
            m.put("restocked", false);
            return m;
        });
    }
}
