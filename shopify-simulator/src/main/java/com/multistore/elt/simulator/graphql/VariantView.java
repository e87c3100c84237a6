package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.InventoryItemRecord;
import com.multistore.elt.simulator.model.ProductRecord;
import com.multistore.elt.simulator.model.VariantRecord;
import graphql.schema.DataFetchingEnvironment;

import java.util.Arrays;
import java.util.List;

/** A product variant; price is Shopify's Money scalar (a decimal string). */
public final class VariantView implements Typed {
    private final ShopSession s;
    private final VariantRecord v;

    public VariantView(ShopSession s, VariantRecord v) {
        this.s = s;
        this.v = v;
    }

    @Override
    public String typeName() {
        return "ProductVariant";
    }

    public String id() {
        return Values.gid("ProductVariant", v.id);
    }

    public String legacyResourceId() {
        return String.valueOf(v.id);
    }

    public String sku() {
        return v.sku;
    }

    public String title() {
        return v.title;
    }

    public String displayName() {
        ProductRecord p = s.data.products.get(v.productId);
        return (p != null ? p.title : "") + " - " + v.title;
    }

    public String price() {
        return Values.amount(v.priceCents);
    }

    public String compareAtPrice() {
        return v.compareAtCents == 0 ? null : Values.amount(v.compareAtCents);
    }

    public int position() {
        return v.position;
    }

    public String createdAt() {
        return Values.time(v.createdAt);
    }

    public String updatedAt() {
        return Values.time(v.updatedAt());
    }

    public String barcode() {
        return String.valueOf(4_000_000_000_000L + v.id % 1_000_000_000L);
    }

    public boolean taxable() {
        return true;
    }

    public boolean availableForSale() {
        return Arrays.stream(v.available).sum() > 0;
    }

    public int inventoryQuantity() {
        return Arrays.stream(v.available).sum();
    }

    public int sellableOnlineQuantity() {
        return inventoryQuantity();
    }

    public String inventoryPolicy() {
        return "DENY";
    }

    public String defaultCursor() {
        return Connections.encode(v.id, v.id);
    }

    public InventoryItemView inventoryItem() {
        InventoryItemRecord item = s.data.inventoryItems.get(v.inventoryItemId);
        return new InventoryItemView(s, item != null ? item : new InventoryItemRecord(v));
    }

    public ProductView product() {
        ProductRecord p = s.data.products.get(v.productId);
        return p == null ? null : new ProductView(s, p);
    }

    public Object getMetafields(DataFetchingEnvironment env) {
        return MetafieldView.connection(env, List.of());
    }

    public MetafieldView getMetafield(DataFetchingEnvironment env) {
        return null;
    }
}
