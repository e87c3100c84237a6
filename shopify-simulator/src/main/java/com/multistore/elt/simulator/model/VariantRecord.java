package com.multistore.elt.simulator.model;

/** A product variant and its inventory item (one each); stock per location in the same order as the locations. */
public final class VariantRecord extends Entity {
    public final long productId;
    public final long inventoryItemId;
    public final int position;
    public final String sku;
    public final String title;
    public final int priceCents;
    /** 0 = no compare-at price. */
    public final int compareAtCents;
    public final boolean tracked;
    public final int[] available;
    public final int[] onHand;

    public VariantRecord(long id, long createdAt, long updatedAt, long productId, long inventoryItemId, int position,
                         String sku, String title, int priceCents, int compareAtCents, boolean tracked,
                         int[] available, int[] onHand) {
        super(id, createdAt, updatedAt);
        this.productId = productId;
        this.inventoryItemId = inventoryItemId;
        this.position = position;
        this.sku = sku;
        this.title = title;
        this.priceCents = priceCents;
        this.compareAtCents = compareAtCents;
        this.tracked = tracked;
        this.available = available;
        this.onHand = onHand;
    }
}
