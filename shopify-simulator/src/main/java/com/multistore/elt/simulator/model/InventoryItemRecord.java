package com.multistore.elt.simulator.model;

/** The inventory item of a variant (same timestamps; its own id). */
public final class InventoryItemRecord extends Entity {
    public final VariantRecord variant;

    public InventoryItemRecord(VariantRecord variant) {
        super(variant.inventoryItemId, variant.createdAt, variant.updatedAt());
        this.variant = variant;
    }
}
