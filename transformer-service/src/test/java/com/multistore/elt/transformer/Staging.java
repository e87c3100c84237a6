package com.multistore.elt.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hand-built staging rows for the merge tests: the example payloads of pipeline-test-support (exactly the GraphQL
 * fragment shape) with ids, timestamps and fields changed per test, inserted as the loader would stage them.
 */
final class Staging {

    private static final AtomicLong IDS = new AtomicLong(1_000_000);

    private Staging() {
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    static ObjectNode example(String name) {
        try (InputStream in = Staging.class.getClassLoader().getResourceAsStream("shopify/payloads/" + name + ".json")) {
            return (ObjectNode) EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A customer of the example shape with the given id, e-mail (null for none) and updatedAt. */
    static ObjectNode customer(long id, String email, String firstName, String updatedAt) {
        ObjectNode c = example("customer");
        c.put("id", "gid://shopify/Customer/" + id).put("legacyResourceId", String.valueOf(id))
                .put("firstName", firstName).put("updatedAt", updatedAt);
        if (email == null) {
            c.putNull("defaultEmailAddress");
        } else {
            c.putObject("defaultEmailAddress").put("emailAddress", email);
        }
        return c;
    }

    /** An order of the example shape: one line item (id = order id * 10 + 1), no metafields, the given customer. */
    static ObjectNode order(long id, String updatedAt, String financialStatus, Long customerId) {
        ObjectNode o = example("order");
        o.put("id", "gid://shopify/Order/" + id).put("legacyResourceId", String.valueOf(id)).put("name", "#" + id)
                .put("updatedAt", updatedAt).put("displayFinancialStatus", financialStatus);
        if (customerId == null) {
            o.putNull("customer");
            o.putNull("email");
        } else {
            ((ObjectNode) o.get("customer")).put("id", "gid://shopify/Customer/" + customerId)
                    .put("legacyResourceId", String.valueOf(customerId));
        }
        ArrayNode lines = (ArrayNode) o.at("/lineItems/nodes");
        ((ObjectNode) lines.get(0)).put("id", "gid://shopify/LineItem/" + (id * 10 + 1));
        ((ObjectNode) o.at("/transactions/0")).put("id", "gid://shopify/OrderTransaction/" + (id * 10 + 1));
        ((ArrayNode) o.at("/metafields/nodes")).removeAll();
        return o;
    }

    static ObjectNode addLine(ObjectNode order, long lineId, String sku, int quantity, String unitPrice, String discount) {
        ObjectNode line = ((ObjectNode) order.at("/lineItems/nodes/0")).deepCopy();
        line.put("id", "gid://shopify/LineItem/" + lineId).put("sku", sku).put("quantity", quantity)
                .put("currentQuantity", quantity);
        money(line, "originalUnitPriceSet", unitPrice);
        money(line, "totalDiscountSet", discount);
        ((ArrayNode) order.at("/lineItems/nodes")).add(line);
        return order;
    }

    static ObjectNode metafield(ObjectNode order, String key, String value) {
        ((ArrayNode) order.at("/metafields/nodes")).addObject()
                .put("id", "gid://shopify/Metafield/" + nextId()).put("namespace", "custom").put("key", key)
                .put("type", "single_line_text_field").put("value", value).put("updatedAt", "2026-11-20T09:14:02Z");
        return order;
    }

    /** A product of the example shape with one variant (given id, SKU, inventory item). */
    static ObjectNode product(long id, long variantId, String sku, long inventoryItemId, String price) {
        ObjectNode p = example("product");
        p.put("id", "gid://shopify/Product/" + id).put("legacyResourceId", String.valueOf(id));
        ObjectNode v = (ObjectNode) p.at("/variants/nodes/0");
        v.put("id", "gid://shopify/ProductVariant/" + variantId).put("legacyResourceId", String.valueOf(variantId))
                .put("sku", sku).put("price", price);
        ((ObjectNode) v.get("inventoryItem")).put("id", "gid://shopify/InventoryItem/" + inventoryItemId)
                .put("legacyResourceId", String.valueOf(inventoryItemId));
        return p;
    }

    /** An inventory item of the example shape: two locations with the given available quantities. */
    static ObjectNode inventoryItem(long id, String sku, int availableAtFirst, int availableAtSecond) {
        ObjectNode i = example("inventory-item");
        i.put("id", "gid://shopify/InventoryItem/" + id).put("legacyResourceId", String.valueOf(id)).put("sku", sku);
        ((ObjectNode) i.at("/inventoryLevels/nodes/0/quantities/0")).put("quantity", availableAtFirst);
        ((ObjectNode) i.at("/inventoryLevels/nodes/1/quantities/0")).put("quantity", availableAtSecond);
        return i;
    }

    private static void money(ObjectNode parent, String field, String amount) {
        ObjectNode set = (ObjectNode) parent.get(field);
        ((ObjectNode) set.get("shopMoney")).put("amount", amount);
    }

    /**
     * A refund's details of the example shape: refund {@code refundId} of order {@code orderId}, updated at
     * {@code updatedAt}, refunding {@code quantity} units of the order's first line (id = order id * 10 + 1) for
     * {@code subtotal}, paid back by transaction {@code transactionId}; no shipping line, no adjustment.
     */
    static ObjectNode refund(long refundId, long orderId, String updatedAt, int quantity, String subtotal,
                             long transactionId) {
        ObjectNode r = example("refund");
        r.put("id", "gid://shopify/Refund/" + refundId).put("legacyResourceId", String.valueOf(refundId))
                .put("updatedAt", updatedAt);
        ((ObjectNode) r.get("order")).put("id", "gid://shopify/Order/" + orderId)
                .put("legacyResourceId", String.valueOf(orderId));
        ObjectNode line = (ObjectNode) r.at("/refundLineItems/nodes/0");
        line.put("id", "gid://shopify/RefundLineItem/" + nextId()).put("quantity", quantity);
        ((ObjectNode) line.get("lineItem")).put("id", "gid://shopify/LineItem/" + (orderId * 10 + 1));
        money(line, "subtotalSet", subtotal);
        ((ObjectNode) r.at("/transactions/nodes/0")).put("id", "gid://shopify/OrderTransaction/" + transactionId);
        return r;
    }

    /** A refunded line of {@code lineId} added to a refund's details (a copy of its first). */
    static ObjectNode refundLine(ObjectNode refund, long lineId, int quantity, String subtotal) {
        ObjectNode line = ((ObjectNode) refund.at("/refundLineItems/nodes/0")).deepCopy();
        line.put("id", "gid://shopify/RefundLineItem/" + nextId()).put("quantity", quantity);
        ((ObjectNode) line.get("lineItem")).put("id", "gid://shopify/LineItem/" + lineId);
        money(line, "subtotalSet", subtotal);
        ((ArrayNode) refund.at("/refundLineItems/nodes")).add(line);
        return refund;
    }

    /** A destroy event of the example shape for the subject {@code gid} of {@code subjectType}, created at {@code createdAt}. */
    static ObjectNode deletion(String subjectType, String gid, String createdAt) {
        ObjectNode d = example("deletion");
        d.put("id", "gid://shopify/BasicEvent/" + nextId()).put("subjectType", subjectType).put("subjectId", gid)
                .put("createdAt", createdAt);
        return d;
    }

    /**
     * Stages a payload for (run, store) in staging.<table>, as the loader does: the gid is the payload's (a deletion's
     * is its subject's), the source updated_at its updatedAt (a deletion's, its createdAt).
     */
    /** The product with one more variant: a copy of its first with {@code variantId}, {@code sku} and a new item. */
    static ObjectNode withVariant(ObjectNode product, long variantId, String sku) {
        ObjectNode variant = ((ObjectNode) product.at("/variants/nodes/0")).deepCopy();
        variant.put("id", "gid://shopify/ProductVariant/" + variantId).put("legacyResourceId", String.valueOf(variantId))
                .put("sku", sku);
        ((ObjectNode) variant.get("inventoryItem")).put("id", "gid://shopify/InventoryItem/" + nextId());
        ((ArrayNode) product.at("/variants/nodes")).add(variant);
        return product;
    }

    static void stage(TestDatabase db, String table, String runId, String store, JsonNode payload) throws SQLException {
        String sql = "insert into staging." + table + " (run_id, store, gid, source_updated_at, extracted_at, payload,"
                + " kafka_topic, kafka_partition, kafka_offset) values (?, ?, ?, ?::timestamptz, now(), ?::jsonb, ?, 0, ?)";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            ps.setString(2, store);
            boolean deletion = payload.has("subjectId");
            ps.setString(3, payload.get(deletion ? "subjectId" : "id").asText());
            ps.setString(4, payload.path(deletion ? "createdAt" : "updatedAt").asText(null));
            ps.setString(5, payload.toString());
            ps.setString(6, "shopify." + table + ".raw");
            ps.setLong(7, nextId());
            ps.executeUpdate();
        }
    }
}
