package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.InventoryItemRecord;
import com.multistore.elt.simulator.model.LocationRecord;
import com.multistore.elt.simulator.model.VariantRecord;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.List;

/** The inventory item of a variant, with one level per location. */
public final class InventoryItemView implements Typed {
    private final ShopSession s;
    final InventoryItemRecord item;
    final VariantRecord v;

    public InventoryItemView(ShopSession s, InventoryItemRecord item) {
        this.s = s;
        this.item = item;
        this.v = item.variant;
    }

    @Override
    public String typeName() {
        return "InventoryItem";
    }

    public String id() {
        return Values.gid("InventoryItem", item.id);
    }

    public String legacyResourceId() {
        return String.valueOf(item.id);
    }

    public String sku() {
        return v.sku;
    }

    public boolean tracked() {
        return v.tracked;
    }

    public boolean requiresShipping() {
        return !s.data.bakery;
    }

    public String createdAt() {
        return Values.time(item.createdAt);
    }

    public String updatedAt() {
        return Values.time(item.updatedAt());
    }

    public Values.MoneyV2 unitCost() {
        return new Values.MoneyV2(Values.amount(Math.round(v.priceCents * 0.4)), s.currency());
    }

    public String inventoryHistoryUrl() {
        return "https://admin.shopify.com/store/" + s.data.code + "/products/inventory/" + item.id + "/inventory_history";
    }

    List<InventoryLevelView> levels() {
        List<InventoryLevelView> list = new ArrayList<>(s.data.locations.size());
        for (LocationRecord l : s.data.locations) {
            list.add(new InventoryLevelView(s, this, l));
        }
        return list;
    }

    public Object getInventoryLevels(DataFetchingEnvironment env) {
        return Connections.list(env, levels(), InventoryLevelView::rawLocationId, l -> l);
    }

    public InventoryLevelView getInventoryLevel(DataFetchingEnvironment env) {
        long locationId = Values.idOf(env.getArgument("locationId"), "Location");
        return levels().stream().filter(l -> l.location.id == locationId).findFirst().orElse(null);
    }
}
