package com.multistore.elt.extractor.client;

import com.multistore.elt.events.Entity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the extractor sends for one entity: the paged document, the bulk query template, the top-level connection,
 * the GID type of a root node, and where each child type of the bulk file goes back (connection field, in the
 * fragment's order).
 */
public record EntityQueries(Entity entity, String pageDocument, String bulkTemplate, String connection,
                            String rootType, Map<String, String> childFields) {

    public static EntityQueries of(Entity entity) {
        return switch (entity) {
            case ORDERS -> new EntityQueries(entity, GraphQlDocuments.load("orders-page"),
                    GraphQlDocuments.load("orders-bulk"), "orders", "Order",
                    ordered("LineItem", "lineItems", "Metafield", "metafields"));
            case CUSTOMERS -> new EntityQueries(entity, GraphQlDocuments.load("customers-page"),
                    GraphQlDocuments.load("customers-bulk"), "customers", "Customer", Map.of());
            case PRODUCTS -> new EntityQueries(entity, GraphQlDocuments.load("products-page"),
                    GraphQlDocuments.load("products-bulk"), "products", "Product",
                    ordered("ProductVariant", "variants"));
            case INVENTORY -> new EntityQueries(entity, GraphQlDocuments.load("inventory-page"),
                    GraphQlDocuments.load("inventory-bulk"), "inventoryItems", "InventoryItem",
                    ordered("InventoryLevel", "inventoryLevels"));
        };
    }

    /** The operation name used for pacing and logs. */
    public String pageOperation() {
        return entity.code() + "-page";
    }

    private static Map<String, String> ordered(String... typeAndField) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < typeAndField.length; i += 2) {
            map.put(typeAndField[i], typeAndField[i + 1]);
        }
        return map;
    }
}
