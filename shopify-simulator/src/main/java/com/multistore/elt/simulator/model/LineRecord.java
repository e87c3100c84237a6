package com.multistore.elt.simulator.model;

/** One order line: the variant by its index in the shop's catalogue (kept after a product is deleted). */
public record LineRecord(long id, int variantIndex, int quantity, int unitCents, int discountCents) {
    public long totalCents() {
        return (long) unitCents * quantity;
    }
}
