package com.multistore.elt.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulated shop serves, read independently of the pipeline: the simulator's ground-truth export, and the
 * customers, inventory levels and (bakery) orders with their metafields through its GraphQL API (the merge rules
 * are computed from these here).
 */
final class ShopTruth {

    /** A customer as the shop serves it: e-mail normalized (lower/trim), or null without one. */
    record Customer(String store, long id, String email, String lastName, Instant updatedAt) {
        /** The merged customer it belongs to, by the architecture's rule: normalized e-mail, else store + id. */
        String key() {
            return email != null ? "email:" + email : "store:" + store + "/" + id;
        }
    }

    /** A bakery order: what the marts are built from ({@code custom} holds the custom-namespace metafields). */
    record BakeryOrder(long id, String financialStatus, boolean cancelled, boolean test, String customerGid, String email,
                       Map<String, String> custom) {
    }

    final String store;
    final JsonNode counts;
    /** The shop's customers by gid. */
    final Map<String, Customer> customers;
    /** SKU -> available summed over the shop's locations. */
    final Map<String, Long> available;
    /** Every order with its custom metafields; read only for a bakery shop, empty for the others. */
    final List<BakeryOrder> bakeryOrders;

    private ShopTruth(String store, JsonNode counts, Map<String, Customer> customers, Map<String, Long> available,
                      List<BakeryOrder> bakeryOrders) {
        this.store = store;
        this.counts = counts;
        this.customers = customers;
        this.available = available;
        this.bakeryOrders = bakeryOrders;
    }

    static ShopTruth read(RunningPipeline pipeline, String store) {
        JsonNode counts = pipeline.get(pipeline.simulator.url() + "/simulator/shops/" + store + "/truth");
        Map<String, Customer> customers = new LinkedHashMap<>();
        for (JsonNode c : pages(pipeline, store, "customers(first: 250%s) { nodes { id legacyResourceId lastName updatedAt"
                + " defaultEmailAddress { emailAddress } } pageInfo { hasNextPage endCursor } }", "customers")) {
            String email = c.path("defaultEmailAddress").path("emailAddress").asText(null);
            customers.put(c.get("id").asText(), new Customer(store, c.get("legacyResourceId").asLong(),
                    email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT),
                    c.path("lastName").asText(null), Instant.parse(c.get("updatedAt").asText())));
        }
        Map<String, Long> available = new HashMap<>();
        for (JsonNode item : pages(pipeline, store, "inventoryItems(first: 25%s) { nodes { sku inventoryLevels(first: 5) {"
                + " nodes { quantities(names: [\"available\"]) { name quantity } } } } pageInfo { hasNextPage endCursor } }",
                "inventoryItems")) {
            String sku = item.path("sku").asText(null);
            if (sku == null || sku.isBlank()) {
                continue;
            }
            long sum = 0;
            for (JsonNode level : item.path("inventoryLevels").path("nodes")) {
                for (JsonNode q : level.path("quantities")) {
                    sum += q.path("quantity").asLong();
                }
            }
            available.merge(sku.trim(), sum, Long::sum);
        }
        List<BakeryOrder> bakeryOrders = new ArrayList<>();
        if (counts.has("bakery")) {
            for (JsonNode o : pages(pipeline, store, "orders(first: 40%s) { nodes { legacyResourceId displayFinancialStatus"
                    + " cancelledAt test email customer { id } metafields(first: 20, namespace: \"custom\") { nodes { key value } } }"
                    + " pageInfo { hasNextPage endCursor } }", "orders")) {
                Map<String, String> custom = new HashMap<>();
                o.path("metafields").path("nodes").forEach(m -> custom.put(m.get("key").asText(), m.get("value").asText()));
                bakeryOrders.add(new BakeryOrder(o.get("legacyResourceId").asLong(), o.path("displayFinancialStatus").asText(),
                        !o.path("cancelledAt").isNull() && !o.path("cancelledAt").isMissingNode(), o.path("test").asBoolean(),
                        o.path("customer").path("id").asText(null), o.path("email").asText(null), custom));
            }
        }
        return new ShopTruth(store, counts, customers, available, bakeryOrders);
    }

    private static List<JsonNode> pages(RunningPipeline pipeline, String store, String connection, String field) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 200; page++) {
            JsonNode answer = pipeline.graphql(store, "{ " + String.format(connection, after) + " }");
            JsonNode data = answer.path("data").path(field);
            if (data.isMissingNode() || data.isNull()) {
                String text = answer.toString();
                if (text.contains("THROTTLED")) {
                    RunningPipeline.pause(2, java.util.concurrent.TimeUnit.SECONDS);
                    page--;
                    continue;
                }
                throw new IllegalStateException("the simulator answered no " + field + ": " + text);
            }
            data.path("nodes").forEach(nodes::add);
            if (!data.path("pageInfo").path("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = ", after: \"" + data.path("pageInfo").path("endCursor").asText() + "\"";
        }
        throw new IllegalStateException("more than 200 pages of " + field);
    }
}
