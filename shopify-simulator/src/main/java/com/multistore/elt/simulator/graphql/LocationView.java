package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.InventoryItemRecord;
import com.multistore.elt.simulator.model.LocationRecord;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stock location. */
public final class LocationView implements Typed {
    private final ShopSession s;
    final LocationRecord l;

    public LocationView(ShopSession s, LocationRecord l) {
        this.s = s;
        this.l = l;
    }

    @Override
    public String typeName() {
        return "Location";
    }

    public String id() {
        return Values.gid("Location", l.id);
    }

    public String legacyResourceId() {
        return String.valueOf(l.id);
    }

    public String name() {
        return l.name;
    }

    public boolean isActive() {
        return true;
    }

    public boolean fulfillsOnlineOrders() {
        return true;
    }

    public boolean shipsInventory() {
        return true;
    }

    public boolean hasActiveInventory() {
        return true;
    }

    public boolean activatable() {
        return false;
    }

    public boolean deactivatable() {
        return l.index > 0;
    }

    public boolean addressVerified() {
        return true;
    }

    public String createdAt() {
        return Values.time(l.createdAt);
    }

    public String updatedAt() {
        return Values.time(l.updatedAt());
    }

    public Map<String, Object> address() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("address1", (10 + l.index * 7) + " " + l.name);
        a.put("city", l.city);
        a.put("country", "United States");
        a.put("countryCode", l.countryCode);
        a.put("zip", String.valueOf(10_000 + l.index * 111));
        a.put("formatted", List.of((10 + l.index * 7) + " " + l.name, l.city, "United States"));
        return a;
    }

    public Object getInventoryLevels(DataFetchingEnvironment env) {
        List<InventoryLevelView> levels = new ArrayList<>();
        for (InventoryItemRecord item : s.data.inventoryItems.byId().values()) {
            levels.add(new InventoryLevelView(s, new InventoryItemView(s, item), l));
        }
        return Connections.list(env, levels, lv -> lv.item().item.id, lv -> lv);
    }

    public InventoryLevelView getInventoryLevel(DataFetchingEnvironment env) {
        long itemId = Values.idOf(env.getArgument("inventoryItemId"), "InventoryItem");
        InventoryItemRecord item = s.data.inventoryItems.get(itemId);
        return item == null ? null : new InventoryLevelView(s, new InventoryItemView(s, item), l);
    }

    public Object getMetafields(DataFetchingEnvironment env) {
        return MetafieldView.connection(env, List.of());
    }

    public MetafieldView getMetafield(DataFetchingEnvironment env) {
        return null;
    }
}
