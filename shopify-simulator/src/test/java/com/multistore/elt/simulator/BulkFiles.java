package com.multistore.elt.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Polling bulk jobs, downloading their JSONL and rebuilding nested objects by __parentId (as a reader must). */
final class BulkFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DONE = Set.of("COMPLETED", "FAILED", "CANCELED");
    /** Which connection a child line came from, by the type in its GID. */
    private static final Map<String, String> CONNECTION_OF = Map.of("LineItem", "lineItems", "Metafield", "metafields",
            "ProductVariant", "variants", "InventoryLevel", "inventoryLevels");

    private BulkFiles() {
    }

    static final String STATUS = "query s($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount "
            + "rootObjectCount fileSize url partialDataUrl completedAt } }";

    static JsonPath await(ShopifyApi api, String id) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath s = api.send(STATUS, Map.of("id", id));
            if (DONE.contains(s.getString("data.bulkOperation.status"))) {
                return s;
            }
            sleep(100);
        }
        fail("bulk operation " + id + " did not finish in 120 s");
        return null;
    }

    static String start(ShopifyApi api, String query, boolean groupObjects) {
        JsonPath started = api.runBulk(query, groupObjects);
        String id = started.getString("data.bulkOperationRunQuery.bulkOperation.id");
        assertNotNull(id, "bulk job not started: " + started.prettify());
        return id;
    }

    static String download(String url) {
        return RestAssured.given().urlEncodingEnabled(false).get(url).then().statusCode(200).extract().asString();
    }

    static List<Map<String, Object>> lines(String jsonl) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { }));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return out;
    }

    /** Roots with their children re-nested as {"nodes": [...]} under the connection the child's GID type names. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rebuild(List<Map<String, Object>> lines) {
        Map<String, Map<String, Object>> byId = new HashMap<>();
        List<Map<String, Object>> roots = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            Map<String, Object> copy = new LinkedHashMap<>(line);
            copy.remove("__parentId");
            if (copy.get("id") != null) {
                byId.put(copy.get("id").toString(), copy);
            }
        }
        for (Map<String, Object> line : lines) {
            Map<String, Object> self = byId.get(String.valueOf(line.get("id")));
            Object parent = line.get("__parentId");
            if (parent == null) {
                roots.add(self);
                continue;
            }
            Map<String, Object> p = byId.get(parent.toString());
            if (p == null) {
                fail("child " + line.get("id") + " names a parent that is not in the file: " + parent);
            }
            String id = line.get("id").toString();
            String type = id.substring("gid://shopify/".length(), id.indexOf('/', "gid://shopify/".length()));
            Map<String, Object> conn = (Map<String, Object>) p.computeIfAbsent(CONNECTION_OF.get(type),
                    k -> new LinkedHashMap<>(Map.of("nodes", new ArrayList<>())));
            ((List<Object>) conn.get("nodes")).add(self);
        }
        return roots;
    }

    /** Sorts nested "nodes" lists by id and fills missing connections with empty ones, to compare regardless of order. */
    @SuppressWarnings("unchecked")
    static Object normalise(Object value, Set<String> connections) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, normalise(v, connections)));
            if (out.containsKey("id") && out.get("id").toString().startsWith("gid://")) {
                for (String c : connections) {
                    if (ownerOf(c, out.get("id").toString())) {
                        out.putIfAbsent(c, Map.of("nodes", List.of()));
                    }
                }
            }
            if (out.get("nodes") instanceof List<?> nodes) {
                List<Object> sorted = new ArrayList<>(nodes);
                sorted.sort(Comparator.comparing(n -> n instanceof Map<?, ?> nm ? String.valueOf(nm.get("id")) : ""));
                out.put("nodes", sorted);
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalise(v, connections)));
            return out;
        }
        return value;
    }

    private static boolean ownerOf(String connection, String gid) {
        return switch (connection) {
            case "lineItems", "metafields" -> gid.startsWith("gid://shopify/Order/");
            case "variants" -> gid.startsWith("gid://shopify/Product/");
            case "inventoryLevels" -> gid.startsWith("gid://shopify/InventoryItem/");
            default -> false;
        };
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
