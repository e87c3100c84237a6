package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.model.RefundRecord;
import com.multistore.elt.simulator.model.ShopData;

import java.util.ArrayList;
import java.util.List;

/**
 * One payment transaction of an order, derived from its financial status: a SALE (SUCCESS; PENDING on the manual
 * gateway while unpaid; half the total when PARTIALLY_PAID), or an AUTHORIZATION (then a VOID when voided), and a
 * REFUND child of the sale for its refund. Ids: {@code base + TRANSACTION + order sequence x 4 + k}.
 */
public final class TransactionView implements Typed {
    static final int SALE = 0;
    static final int VOID = 1;
    static final int REFUND = 2;
    private final ShopSession s;
    private final OrderView order;
    private final int k;
    private final String kind;
    private final String status;
    private final long cents;
    private final long processedAt;
    private final TransactionView parent;

    private TransactionView(ShopSession s, OrderView order, int k, String kind, String status, long cents,
                            long processedAt, TransactionView parent) {
        this.s = s;
        this.order = order;
        this.k = k;
        this.kind = kind;
        this.status = status;
        this.cents = cents;
        this.processedAt = processedAt;
        this.parent = parent;
    }

    /** The order's transactions, oldest first. */
    static List<TransactionView> of(ShopSession s, OrderView order) {
        OrderRecord o = order.o;
        String financial = OrderRecord.FINANCIAL[o.financialStatus];
        List<TransactionView> list = new ArrayList<>(3);
        long at = o.createdAt;
        TransactionView first = switch (financial) {
            case "PENDING" -> new TransactionView(s, order, SALE, "SALE", "PENDING", o.totalCents(), at, null);
            case "AUTHORIZED", "VOIDED", "EXPIRED" ->
                    new TransactionView(s, order, SALE, "AUTHORIZATION", "SUCCESS", o.totalCents(), at, null);
            case "PARTIALLY_PAID" -> new TransactionView(s, order, SALE, "SALE", "SUCCESS", o.totalCents() / 2, at, null);
            default -> new TransactionView(s, order, SALE, "SALE", "SUCCESS", o.totalCents(), at, null);
        };
        list.add(first);
        if (financial.equals("VOIDED")) {
            long voidedAt = o.cancelledAt != 0 ? o.cancelledAt : o.createdAt + 1;
            list.add(new TransactionView(s, order, VOID, "VOID", "SUCCESS", o.totalCents(), voidedAt, first));
        }
        RefundRecord r = o.refund;
        if (r != null) {
            list.add(new TransactionView(s, order, REFUND, "REFUND", "SUCCESS", r.amountCents(), r.createdAt(), first));
        }
        return list;
    }

    @Override
    public String typeName() {
        return "OrderTransaction";
    }

    long rawId() {
        return s.data.base + ShopData.TRANSACTION + s.data.sequenceOf(order.o.id, ShopData.ORDER) * 4 + k;
    }

    String kindName() {
        return kind;
    }

    public String id() {
        return Values.gid("OrderTransaction", rawId());
    }

    public String kind() {
        return kind;
    }

    public String status() {
        return status;
    }

    public String gateway() {
        if (status.equals("PENDING")) {
            return "manual";
        }
        return OrderRecord.SOURCE_NAMES[order.o.sourceName].equals("pos") ? "cash" : "shopify_payments";
    }

    public String formattedGateway() {
        return switch (gateway()) {
            case "manual" -> "Manual";
            case "cash" -> "Cash";
            default -> "Shopify Payments";
        };
    }

    public boolean manualPaymentGateway() {
        return gateway().equals("manual");
    }

    public boolean manuallyCapturable() {
        return kind.equals("AUTHORIZATION") && OrderRecord.FINANCIAL[order.o.financialStatus].equals("AUTHORIZED");
    }

    public boolean multiCapturable() {
        return false;
    }

    public String authorizationExpiresAt() {
        return kind.equals("AUTHORIZATION") ? Values.time(order.o.createdAt + 7 * 86_400L) : null;
    }

    public Values.MoneyBag amountSet() {
        return Values.bag(cents, s.currency(), order.o.presentmentCurrency, order.o.presentmentRatePpm);
    }

    public Values.MoneyBag totalUnsettledSet() {
        return Values.bag(manuallyCapturable() ? cents : 0, s.currency(), order.o.presentmentCurrency,
                order.o.presentmentRatePpm);
    }

    public String createdAt() {
        return Values.time(processedAt);
    }

    public String processedAt() {
        return Values.time(processedAt);
    }

    public String paymentId() {
        return "p" + Long.toHexString(rawId() * 2654435761L);
    }

    public boolean test() {
        return order.o.test;
    }

    public OrderView order() {
        return order;
    }

    public TransactionView parentTransaction() {
        return parent;
    }
}
