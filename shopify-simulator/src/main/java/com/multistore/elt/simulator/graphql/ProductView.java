package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.ProductRecord;
import com.multistore.elt.simulator.model.VariantRecord;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A product with its variants (catalogue entries firstVariant..). */
public final class ProductView implements Typed {
    private final ShopSession s;
    final ProductRecord p;

    public ProductView(ShopSession s, ProductRecord p) {
        this.s = s;
        this.p = p;
    }

    @Override
    public String typeName() {
        return "Product";
    }

    public String id() {
        return Values.gid("Product", p.id);
    }

    public String legacyResourceId() {
        return String.valueOf(p.id);
    }

    public String title() {
        return p.title;
    }

    public String handle() {
        return p.handle();
    }

    public String vendor() {
        return p.vendor;
    }

    public String productType() {
        return p.productType;
    }

    public List<String> tags() {
        return Arrays.asList(ProductRecord.TAG_SETS[p.tags]);
    }

    public String status() {
        return ProductRecord.STATUSES[p.status];
    }

    public String createdAt() {
        return Values.time(p.createdAt);
    }

    public String updatedAt() {
        return Values.time(p.updatedAt());
    }

    public String publishedAt() {
        return p.status == 0 ? Values.time(p.createdAt) : null;
    }

    public String descriptionHtml() {
        return "<p>" + p.title + " by " + p.vendor + ".</p>";
    }

    public String description() {
        return p.title + " by " + p.vendor + ".";
    }

    public boolean hasOnlyDefaultVariant() {
        return variantRecords().size() == 1;
    }

    /** The product's variants that were not deleted. */
    List<VariantRecord> variantRecords() {
        List<VariantRecord> list = new ArrayList<>(p.variantCount);
        for (int i = 0; i < p.variantCount; i++) {
            VariantRecord v = s.data.catalogue.get(p.firstVariant + i);
            if (s.data.variants.get(v.id) == v) {
                list.add(v);
            }
        }
        return list;
    }

    public int totalInventory() {
        int total = 0;
        for (VariantRecord v : variantRecords()) {
            for (int a : v.available) {
                total += a;
            }
        }
        return total;
    }

    public boolean tracksInventory() {
        return variantRecords().stream().anyMatch(v -> v.tracked);
    }

    public boolean hasOutOfStockVariants() {
        return variantRecords().stream().anyMatch(v -> Arrays.stream(v.available).sum() == 0);
    }

    public String onlineStoreUrl() {
        return p.status == 0 ? "https://" + s.data.code + ".example.com/products/" + p.handle() : null;
    }

    public String defaultCursor() {
        return Connections.encode(p.id, p.id);
    }

    public Object getVariants(DataFetchingEnvironment env) {
        return Connections.list(env, variantRecords(), v -> v.id, v -> new VariantView(s, v));
    }

    public Object getMetafields(DataFetchingEnvironment env) {
        return MetafieldView.connection(env, List.of());
    }

    public MetafieldView getMetafield(DataFetchingEnvironment env) {
        return null;
    }
}
