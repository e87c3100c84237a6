package com.multistore.elt.simulator.model;

/** An order, compact: money in cents of the shop currency, presentment by a rate in parts per million. */
public final class OrderRecord extends Entity {
    public final int number;
    /** 0 = guest checkout (customer null). */
    public final long customerId;
    public final LineRecord[] lines;
    public final int shippingCents;
    public final int taxCents;
    public final String presentmentCurrency;
    public final long presentmentRatePpm;
    public final String email;
    public final byte sourceName;
    public final byte tags;
    public final boolean test;
    public volatile byte financialStatus;
    public volatile byte fulfillmentStatus;
    public volatile long cancelledAt;
    public volatile byte cancelReason;
    public volatile long closedAt;
    public volatile RefundRecord refund;
    /** Bakery metafields (custom.*), null for other shops. */
    public final BakeryFields bakery;
    /** Further metafields (notes.note_01 ...), beyond what one page of an order's metafields holds when large. */
    public final int notes;
    public static final int MAX_NOTES = 100;

    public OrderRecord(long id, int number, long createdAt, long updatedAt, long customerId, LineRecord[] lines,
                       int shippingCents, int taxCents, String presentmentCurrency, long presentmentRatePpm,
                       String email, byte sourceName, byte tags, boolean test, BakeryFields bakery, int notes) {
        super(id, createdAt, updatedAt);
        this.number = number;
        this.customerId = customerId;
        this.lines = lines;
        this.shippingCents = shippingCents;
        this.taxCents = taxCents;
        this.presentmentCurrency = presentmentCurrency;
        this.presentmentRatePpm = presentmentRatePpm;
        this.email = email;
        this.sourceName = sourceName;
        this.tags = tags;
        this.test = test;
        this.bakery = bakery;
        if (notes < 0 || notes > MAX_NOTES) {
            throw new IllegalArgumentException("notes " + notes + " outside 0.." + MAX_NOTES);
        }
        this.notes = notes;
    }

    /** How many metafields the order has: the bakery's custom.* fields and its notes. */
    public int metafieldCount() {
        return (bakery == null ? 0 : BakeryFields.KEYS.length) + notes;
    }

    /** A line's quantity after removals: a cancelled or fully refunded order's lines and a returned line count 0. */
    public int currentQuantity(int index) {
        if (cancelledAt != 0) {
            return 0;
        }
        if (refund == null) {
            return lines[index].quantity();
        }
        return fullyRefunded() || index == 0 ? 0 : lines[index].quantity();
    }

    /** A refund of the whole order (a full refund, or a paid order's cancellation): every line, tax and shipping. */
    public boolean fullyRefunded() {
        RefundRecord r = refund;
        return r != null && r.amountCents() >= totalCents();
    }

    public long processedAt() {
        return createdAt - 1;
    }

    public long subtotalCents() {
        long s = 0;
        for (LineRecord l : lines) {
            s += l.totalCents() - l.discountCents();
        }
        return s;
    }

    public long discountCents() {
        long s = 0;
        for (LineRecord l : lines) {
            s += l.discountCents();
        }
        return s;
    }

    public long totalCents() {
        return subtotalCents() + shippingCents + taxCents;
    }

    public long refundedCents() {
        RefundRecord r = refund;
        return r == null ? 0 : r.amountCents();
    }

    public static final String[] FINANCIAL = {"PENDING", "AUTHORIZED", "PARTIALLY_PAID", "PARTIALLY_REFUNDED",
            "VOIDED", "PAID", "REFUNDED", "EXPIRED"};
    public static final String[] FULFILLMENT = {"UNFULFILLED", "PARTIALLY_FULFILLED", "FULFILLED"};
    public static final String[] CANCEL_REASONS = {"CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "STAFF", "OTHER"};
    public static final String[] SOURCE_NAMES = {"web", "pos", "shopify_draft_order", "iphone"};
    public static final String[][] TAG_SETS = {{}, {"vip"}, {"gift"}, {"pickup"}, {"wholesale", "net30"}, {"cake", "pickup"}};

    public static byte financial(String name) {
        for (byte i = 0; i < FINANCIAL.length; i++) {
            if (FINANCIAL[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
