package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.LocationRecord;
import com.multistore.elt.simulator.model.ShopData;
import com.multistore.elt.simulator.service.ShopifyError;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stock of one item at one location; parameterized GID {@code InventoryLevel/<n>?inventory_item_id=<item>}. */
public final class InventoryLevelView implements Typed {
    private static final Set<String> NAMES = Set.of("available", "on_hand", "committed", "incoming", "reserved",
            "damaged", "safety_stock", "quality_control");

    private final ShopSession s;
    private final InventoryItemView item;
    final LocationRecord location;

    public InventoryLevelView(ShopSession s, InventoryItemView item, LocationRecord location) {
        this.s = s;
        this.item = item;
        this.location = location;
    }

    @Override
    public String typeName() {
        return "InventoryLevel";
    }

    long rawLocationId() {
        return location.id;
    }

    private long levelNumber() {
        return s.data.base + ShopData.LOCATION + 500_000 + location.index;
    }

    public String id() {
        return Values.gid("InventoryLevel", levelNumber()) + "?inventory_item_id=" + item.item.id;
    }

    public boolean isActive() {
        return true;
    }

    public boolean canDeactivate() {
        return quantity("on_hand") == 0;
    }

    public String createdAt() {
        return Values.time(Math.max(item.item.createdAt, location.createdAt));
    }

    public String updatedAt() {
        return Values.time(item.item.updatedAt());
    }

    public LocationView location() {
        return new LocationView(s, location);
    }

    public InventoryItemView item() {
        return item;
    }

    private int quantity(String name) {
        int available = item.v.available[location.index];
        int onHand = item.v.onHand[location.index];
        return switch (name) {
            case "available" -> available;
            case "on_hand" -> onHand;
            case "committed" -> onHand - available;
            default -> 0;
        };
    }

    public List<Map<String, Object>> getQuantities(DataFetchingEnvironment env) {
        List<String> names = env.getArgument("names");
        List<Map<String, Object>> out = new ArrayList<>(names.size());
        for (String name : names) {
            if (!NAMES.contains(name)) {
                throw new ShopifyError("The quantity name '" + name + "' is not valid. Valid names: " + NAMES + ".",
                        Map.of("code", "INVALID_QUANTITY_NAME"));
            }
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("id", Values.gid("InventoryQuantity", levelNumber()) + "?inventory_item_id=" + item.item.id + "&name=" + name);
            q.put("name", name);
            q.put("quantity", quantity(name));
            q.put("updatedAt", updatedAt());
            out.add(q);
        }
        return out;
    }
}
