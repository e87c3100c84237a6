package com.multistore.elt.simulator.model;

/** A product; its variants are the catalogue entries firstVariant..firstVariant+variantCount-1. */
public final class ProductRecord extends Entity {
    public final String title;
    public final String vendor;
    public final String productType;
    public final byte tags;
    public final byte status;
    public final int firstVariant;
    public final int variantCount;

    public ProductRecord(long id, long createdAt, long updatedAt, String title, String vendor, String productType,
                         byte tags, byte status, int firstVariant, int variantCount) {
        super(id, createdAt, updatedAt);
        this.title = title;
        this.vendor = vendor;
        this.productType = productType;
        this.tags = tags;
        this.status = status;
        this.firstVariant = firstVariant;
        this.variantCount = variantCount;
    }

    public String handle() {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    public static final String[] STATUSES = {"ACTIVE", "DRAFT", "ARCHIVED"};
    public static final String[][] TAG_SETS = {{}, {"new"}, {"sale"}, {"bestseller"}, {"seasonal", "sale"}};
}
