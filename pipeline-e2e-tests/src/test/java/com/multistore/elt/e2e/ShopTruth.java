package com.multistore.elt.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulated shop serves, read independently of the pipeline: the simulator's ground-truth export, and the
 * customers' e-mails and inventory levels through its GraphQL API (the merge rules are computed from these here).
 */
final class ShopTruth {

    final JsonNode counts;
    /** Normalized e-mail, or null for a customer without one, per customer gid. */
    final Map<String, String> emails;
    /** SKU -> available summed over the shop's locations. */
    final Map<String, Long> available;

    private ShopTruth(JsonNode counts, Map<String, String> emails, Map<String, Long> available) {
        this.counts = counts;
        this.emails = emails;
        this.available = available;
    }

    static ShopTruth read(RunningPipeline pipeline, String store) {
        JsonNode counts = pipeline.get(pipeline.simulator.url() + "/simulator/shops/" + store + "/truth");
        Map<String, String> emails = new HashMap<>();
        for (JsonNode c : pages(pipeline, store, "customers(first: 250%s) { nodes { id defaultEmailAddress { emailAddress } }"
                + " pageInfo { hasNextPage endCursor } }", "customers")) {
            String email = c.path("defaultEmailAddress").path("emailAddress").asText(null);
            emails.put(c.get("id").asText(), email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT));
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
        return new ShopTruth(counts, emails, available);
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
