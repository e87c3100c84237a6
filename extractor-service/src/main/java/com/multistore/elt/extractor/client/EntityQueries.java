package com.multistore.elt.extractor.client;

import com.multistore.elt.events.Entity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the extractor sends for one entity: the paged document, the bulk query template, the top-level connection,
 * the GID type of a root node, where each child type of the bulk file goes back (connection field, in the
 * fragment's order), for the paged path the query that pages each nested connection on its own, and Shopify's own
 * count of a window (null where the API has none: inventory items, deletions, refunds). Deletions (the store's destroy
 * events) are only ever paged: their bulk template is null. Refunds are asked by GID: their page document is a
 * {@code nodes(ids:)} query of a batch of refunds.
 */
public record EntityQueries(Entity entity, String pageDocument, String bulkTemplate, String connection,
                            String rootType, Map<String, String> childFields, List<NestedConnection> nested,
                            String countDocument) {

    /**
     * A connection nested in the payload ({@code lineItems} of an order) and the document that asks one node's rest
     * of it ({@code owner: order(id:) { children: lineItems(first:, after:) }}), starting at {@code pageSize}.
     */
    public record NestedConnection(String field, String operation, String document, int pageSize) {
        static NestedConnection of(String field, String name, int pageSize) {
            return new NestedConnection(field, name, GraphQlDocuments.load(name), pageSize);
        }
    }

    public static EntityQueries of(Entity entity) {
        return switch (entity) {
            case ORDERS -> new EntityQueries(entity, GraphQlDocuments.load("orders-page"),
                    GraphQlDocuments.load("orders-bulk"), "orders", "Order",
                    ordered("LineItem", "lineItems", "Metafield", "metafields"),
                    List.of(NestedConnection.of("lineItems", "order-line-items", 250),
                            NestedConnection.of("metafields", "order-metafields", 250)),
                    GraphQlDocuments.load("orders-count"));
            case CUSTOMERS -> new EntityQueries(entity, GraphQlDocuments.load("customers-page"),
                    GraphQlDocuments.load("customers-bulk"), "customers", "Customer", Map.of(), List.of(),
                    GraphQlDocuments.load("customers-count"));
            case PRODUCTS -> new EntityQueries(entity, GraphQlDocuments.load("products-page"),
                    GraphQlDocuments.load("products-bulk"), "products", "Product",
                    ordered("ProductVariant", "variants"),
                    List.of(NestedConnection.of("variants", "product-variants", 250)),
                    GraphQlDocuments.load("products-count"));
            case INVENTORY -> new EntityQueries(entity, GraphQlDocuments.load("inventory-page"),
                    GraphQlDocuments.load("inventory-bulk"), "inventoryItems", "InventoryItem",
                    ordered("InventoryLevel", "inventoryLevels"),
                    List.of(NestedConnection.of("inventoryLevels", "inventory-item-levels", 250)), null);
            case DELETIONS -> new EntityQueries(entity, GraphQlDocuments.load("deletions-page"), null, "events",
                    "BasicEvent", Map.of(), List.of(), null);
            // a refund's details are asked by GID (nodes(ids:)), never paged by search nor in bulk
            case REFUNDS -> new EntityQueries(entity, GraphQlDocuments.load("refunds-nodes"), null, null, "Refund",
                    Map.of(),
                    List.of(NestedConnection.of("refundLineItems", "refund-line-items", 80),
                            NestedConnection.of("refundShippingLines", "refund-shipping-lines", 100),
                            NestedConnection.of("orderAdjustments", "refund-order-adjustments", 100),
                            NestedConnection.of("transactions", "refund-transactions", 100)), null);
            // the id sweep has no document of its own: it runs the bulk queries of sweepParts()
            case IDS -> new EntityQueries(entity, null, null, null, null, Map.of(), List.of(), null);
        };
    }

    /**
     * The id sweep's bulk queries, one per top-level connection (a bulk query has exactly one): every order's,
     * customer's and product's GID and updatedAt, the products with their variants' GIDs.
     */
    public static List<EntityQueries> sweepParts() {
        return List.of(
                new EntityQueries(Entity.IDS, null, GraphQlDocuments.load("orders-ids-bulk"), "orders", "Order",
                        Map.of(), List.of(), null),
                new EntityQueries(Entity.IDS, null, GraphQlDocuments.load("customers-ids-bulk"), "customers",
                        "Customer", Map.of(), List.of(), null),
                new EntityQueries(Entity.IDS, null, GraphQlDocuments.load("products-ids-bulk"), "products", "Product",
                        ordered("ProductVariant", "variants"), List.of(), null));
    }

    /** Whether the entity can be extracted by its own bulk query (all but deletions, refunds and the id sweep). */
    public boolean hasBulk() {
        return bulkTemplate != null;
    }

    /** The operation name of the count query. */
    public String countOperation() {
        return entity.code() + "-count";
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
