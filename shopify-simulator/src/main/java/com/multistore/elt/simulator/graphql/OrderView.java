package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.BakeryFields;
import com.multistore.elt.simulator.model.CustomerRecord;
import com.multistore.elt.simulator.model.LineRecord;
import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.model.RefundRecord;
import com.multistore.elt.simulator.model.ShopData;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An order as the Admin API shows it. Fields not listed here get the schema's neutral default. */
public final class OrderView implements Typed {
    private final ShopSession s;
    final OrderRecord o;

    public OrderView(ShopSession s, OrderRecord o) {
        this.s = s;
        this.o = o;
    }

    @Override
    public String typeName() {
        return "Order";
    }

    private Values.MoneyBag bag(long cents) {
        return Values.bag(cents, s.currency(), o.presentmentCurrency, o.presentmentRatePpm);
    }

    public String id() {
        return Values.gid("Order", o.id);
    }

    public String legacyResourceId() {
        return String.valueOf(o.id);
    }

    public String name() {
        return "#" + o.number;
    }

    public int number() {
        return o.number;
    }

    public String createdAt() {
        return Values.time(o.createdAt);
    }

    public String processedAt() {
        return Values.time(o.processedAt());
    }

    public String updatedAt() {
        return Values.time(o.updatedAt());
    }

    public String cancelledAt() {
        return Values.timeOrNull(o.cancelledAt);
    }

    public String cancelReason() {
        return o.cancelledAt == 0 ? null : OrderRecord.CANCEL_REASONS[o.cancelReason];
    }

    public String closedAt() {
        return Values.timeOrNull(o.closedAt);
    }

    public boolean closed() {
        return o.closedAt != 0;
    }

    public boolean confirmed() {
        return true;
    }

    public String displayFinancialStatus() {
        return OrderRecord.FINANCIAL[o.financialStatus];
    }

    public String displayFulfillmentStatus() {
        return OrderRecord.FULFILLMENT[o.fulfillmentStatus];
    }

    public String currencyCode() {
        return s.currency();
    }

    public String presentmentCurrencyCode() {
        return o.presentmentCurrency;
    }

    public String email() {
        return o.email;
    }

    public boolean test() {
        return o.test;
    }

    public List<String> tags() {
        return Arrays.asList(OrderRecord.TAG_SETS[o.tags]);
    }

    public String sourceName() {
        return OrderRecord.SOURCE_NAMES[o.sourceName];
    }

    public CustomerView customer() {
        if (o.customerId == 0) {
            return null;
        }
        CustomerRecord c = s.data.customers.get(o.customerId);
        return c == null ? null : new CustomerView(s, c);
    }

    public Values.MoneyBag subtotalPriceSet() {
        return bag(o.subtotalCents());
    }

    public Values.MoneyBag currentSubtotalPriceSet() {
        return bag(Math.max(0, o.subtotalCents() - o.refundedCents()));
    }

    public Values.MoneyBag totalDiscountsSet() {
        return bag(o.discountCents());
    }

    public Values.MoneyBag currentTotalDiscountsSet() {
        return bag(o.discountCents());
    }

    public Values.MoneyBag totalShippingPriceSet() {
        return bag(o.shippingCents);
    }

    public Values.MoneyBag currentShippingPriceSet() {
        return bag(o.shippingCents);
    }

    public Values.MoneyBag totalTaxSet() {
        return bag(o.taxCents);
    }

    public Values.MoneyBag currentTotalTaxSet() {
        return bag(o.taxCents);
    }

    public Values.MoneyBag totalPriceSet() {
        return bag(o.totalCents());
    }

    public Values.MoneyBag originalTotalPriceSet() {
        return bag(o.totalCents());
    }

    public Values.MoneyBag currentTotalPriceSet() {
        return bag(o.totalCents() - o.refundedCents());
    }

    public Values.MoneyBag totalRefundedSet() {
        return bag(o.refundedCents());
    }

    /** A full refund (or a paid order's cancellation) gives back the shipping too. */
    boolean refundsShipping() {
        return o.fullyRefunded() && o.shippingCents > 0;
    }

    public Values.MoneyBag totalRefundedShippingSet() {
        return bag(refundsShipping() ? o.shippingCents : 0);
    }

    public List<TransactionView> getTransactions(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        Boolean capturable = env.getArgument("capturable");
        List<TransactionView> all = TransactionView.of(s, this).stream()
                .filter(t -> capturable == null || t.manuallyCapturable() == capturable).toList();
        return first == null || first >= all.size() ? all : all.subList(0, Math.max(0, first));
    }

    private boolean paid() {
        String f = displayFinancialStatus();
        return !f.equals("PENDING") && !f.equals("AUTHORIZED") && !f.equals("VOIDED") && !f.equals("EXPIRED");
    }

    public Values.MoneyBag totalReceivedSet() {
        return bag(paid() ? o.totalCents() : 0);
    }

    public Values.MoneyBag netPaymentSet() {
        return bag(paid() ? o.totalCents() - o.refundedCents() : 0);
    }

    public Values.MoneyBag totalOutstandingSet() {
        return bag(paid() || o.cancelledAt != 0 ? 0 : o.totalCents());
    }

    public Values.MoneyBag totalCapturableSet() {
        return bag(displayFinancialStatus().equals("AUTHORIZED") ? o.totalCents() : 0);
    }

    public boolean fullyPaid() {
        return paid();
    }

    public boolean unpaid() {
        return !paid();
    }

    public boolean capturable() {
        return displayFinancialStatus().equals("AUTHORIZED");
    }

    public boolean refundable() {
        return paid() && o.refundedCents() < o.totalCents();
    }

    public boolean requiresShipping() {
        return !s.data.bakery;
    }

    public int subtotalLineItemsQuantity() {
        int q = 0;
        for (LineRecord l : o.lines) {
            q += l.quantity();
        }
        return q;
    }

    public int currentSubtotalLineItemsQuantity() {
        int q = 0;
        for (int i = 0; i < o.lines.length; i++) {
            q += LineItemView.currentQuantity(o, i);
        }
        return q;
    }

    public String statusPageUrl() {
        return "https://" + s.data.code + ".myshopify.com/" + o.id + "/orders/" + Long.toHexString(o.id * 2654435761L) + "/authenticate";
    }

    public List<String> paymentGatewayNames() {
        return List.of(OrderRecord.SOURCE_NAMES[o.sourceName].equals("pos") ? "cash" : "shopify_payments");
    }

    public List<RefundView> getRefunds(DataFetchingEnvironment env) {
        RefundRecord r = o.refund;
        return r == null ? List.of() : List.of(new RefundView(s, this, r));
    }

    List<LineItemView> lineItemViews() {
        List<LineItemView> list = new ArrayList<>(o.lines.length);
        for (int i = 0; i < o.lines.length; i++) {
            list.add(new LineItemView(s, o, i));
        }
        return list;
    }

    public Object getLineItems(DataFetchingEnvironment env) {
        return Connections.list(env, lineItemViews(), LineItemView::rawId, l -> l);
    }

    List<MetafieldView> metafieldViews() {
        BakeryFields b = o.bakery;
        if (b == null && o.notes == 0) {
            return List.of();
        }
        long seq = s.data.sequenceOf(o.id, ShopData.ORDER);
        List<MetafieldView> list = new ArrayList<>(o.metafieldCount());
        for (int k = 0; b != null && k < BakeryFields.KEYS.length; k++) {
            list.add(new MetafieldView(s.data.base + ShopData.METAFIELD + seq * 8 + k, "custom", BakeryFields.KEYS[k],
                    BakeryFields.TYPES[k], b.value(k), o.createdAt, "ORDER"));
        }
        for (int k = 0; k < o.notes; k++) {
            list.add(new MetafieldView(s.data.base + ShopData.METAFIELD + ShopData.NOTES + seq * OrderRecord.MAX_NOTES + k,
                    "notes", String.format("note_%02d", k + 1), "single_line_text_field",
                    "note " + (k + 1) + " of " + name(), o.createdAt, "ORDER"));
        }
        return list;
    }

    public Object getMetafields(DataFetchingEnvironment env) {
        return MetafieldView.connection(env, metafieldViews());
    }

    public MetafieldView getMetafield(DataFetchingEnvironment env) {
        return MetafieldView.single(env, metafieldViews());
    }
}
