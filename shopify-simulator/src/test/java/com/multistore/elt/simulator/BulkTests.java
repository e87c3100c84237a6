package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class BulkTests {
    private static final String ORDERS_WITH_LINES = "{ orders(sortKey: ID) { edges { node { id name "
            + "totalPriceSet { shopMoney { amount currencyCode } } lineItems { edges { node { id sku quantity } } } } } } }";
    private final ShopifyApi api = new ShopifyApi("bulk", "shpat_bulk_test");

    private static void faults(Map<String, Object> f) {
        ShopifyApi.admin().body(f).post("/simulator/shops/bulk/faults").then().statusCode(200);
    }

    @AfterEach
    void clear() {
        faults(Map.of("bulkPauseMillis", 0));
        ShopifyApi.admin().delete("/simulator/shops/bulk/faults").then().statusCode(200);
        // let any job a test left running finish before the next test (the concurrency rule counts them)
        for (Object id : api.send("{ bulkOperations(first: 50, query: \"status:running\") { nodes { id } } }")
                .getList("data.bulkOperations.nodes.id")) {
            api.send("mutation c($id: ID!) { bulkOperationCancel(id: $id) { userErrors { message } } }", Map.of("id", id));
            BulkFiles.await(api, id.toString());
        }
        for (Object id : api.send("{ bulkOperations(first: 50, query: \"status:created\") { nodes { id } } }")
                .getList("data.bulkOperations.nodes.id")) {
            BulkFiles.await(api, id.toString());
        }
    }

    @Test
    void lifecycleGrowsObjectCountAndGroupedFileRebuildsToThePagedResult() {
        faults(Map.of("bulkPauseMillis", 300));
        String id = BulkFiles.start(api, ORDERS_WITH_LINES, true);
        List<String> statuses = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        JsonPath s;
        do {
            s = api.send(BulkFiles.STATUS, Map.of("id", id));
            statuses.add(s.getString("data.bulkOperation.status"));
            counts.add(Long.parseLong(s.getString("data.bulkOperation.objectCount")));
            BulkFiles.sleep(50);
        } while (!s.getString("data.bulkOperation.status").equals("COMPLETED") && statuses.size() < 2400);
        assertEquals("COMPLETED", statuses.get(statuses.size() - 1));
        assertTrue(List.of("CREATED", "RUNNING").contains(statuses.get(0)), statuses.toString());
        assertTrue(new LinkedHashSet<>(statuses).stream().toList().equals(List.of("RUNNING", "COMPLETED"))
                || new LinkedHashSet<>(statuses).stream().toList().equals(List.of("CREATED", "RUNNING", "COMPLETED")), statuses.toString());
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i) >= counts.get(i - 1), "objectCount went down: " + counts);
        }
        assertTrue(counts.stream().distinct().count() >= 3, "objectCount did not grow while RUNNING: " + counts);
        assertNotNull(s.getString("data.bulkOperation.completedAt"));

        String file = BulkFiles.download(s.getString("data.bulkOperation.url"));
        assertTrue(file.contains("\"gid:\\/\\/shopify\\/Order\\/"), "slashes are escaped as in Shopify's files");
        List<Map<String, Object>> lines = BulkFiles.lines(file);
        assertEquals(Long.parseLong(s.getString("data.bulkOperation.objectCount")), lines.size());
        assertEquals(String.valueOf(file.getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                s.getString("data.bulkOperation.fileSize"));
        long roots = lines.stream().filter(l -> !l.containsKey("__parentId")).count();
        assertEquals(Long.parseLong(s.getString("data.bulkOperation.rootObjectCount")), roots);
        String currentRoot = null;
        for (Map<String, Object> line : lines) {
            if (!line.containsKey("__parentId")) {
                currentRoot = line.get("id").toString();
            } else {
                assertEquals(currentRoot, line.get("__parentId"), "grouped: each child follows its parent");
            }
        }
        assertEquals(paged(), BulkFiles.normalise(BulkFiles.rebuild(lines), Set.of("lineItems")));
    }

    @Test
    void ungroupedFileInterleavesChildrenButRebuildsTheSame() {
        String id = BulkFiles.start(api, ORDERS_WITH_LINES, false);
        JsonPath s = BulkFiles.await(api, id);
        assertEquals("COMPLETED", s.getString("data.bulkOperation.status"));
        List<Map<String, Object>> lines = BulkFiles.lines(BulkFiles.download(s.getString("data.bulkOperation.url")));
        int away = 0;
        String currentRoot = null;
        for (Map<String, Object> line : lines) {
            if (!line.containsKey("__parentId")) {
                currentRoot = line.get("id").toString();
            } else if (!line.get("__parentId").equals(currentRoot)) {
                away++;
            }
        }
        assertTrue(away > lines.size() / 4, "children should not sit next to their parents: " + away);
        assertEquals(paged(), BulkFiles.normalise(BulkFiles.rebuild(lines), Set.of("lineItems")));
    }

    @Test
    void concurrencyRuleDependsOnTheApiVersion() {
        faults(Map.of("bulkPauseMillis", 3000));
        ShopifyApi old = api.version("2025-10");
        String first = BulkFiles.start(old, ORDERS_WITH_LINES, true);
        JsonPath second = old.runBulk(ORDERS_WITH_LINES, true);
        assertNull(second.get("data.bulkOperationRunQuery.bulkOperation"));
        assertEquals("A bulk query operation for this app and shop is already in progress: " + first + ".",
                second.getString("data.bulkOperationRunQuery.userErrors[0].message"));
        assertEquals("OPERATION_IN_PROGRESS", second.getString("data.bulkOperationRunQuery.userErrors[0].code"));

        List<String> running = new ArrayList<>(List.of(first));
        for (int i = 0; i < 4; i++) {
            running.add(BulkFiles.start(api, ORDERS_WITH_LINES, false));
        }
        JsonPath sixth = api.runBulk(ORDERS_WITH_LINES, false);
        assertNull(sixth.get("data.bulkOperationRunQuery.bulkOperation"));
        assertEquals("LIMIT_REACHED", sixth.getString("data.bulkOperationRunQuery.userErrors[0].code"));

        JsonPath listed = api.send("{ bulkOperations(first: 20, query: \"status:running\") { nodes { id status } } }");
        assertTrue(listed.getList("data.bulkOperations.nodes.id").containsAll(running.subList(1, 5)));
        JsonPath current = api.sendAllowingDeprecated("{ currentBulkOperation(type: QUERY) { id status } }");
        assertEquals(running.get(4), current.getString("data.currentBulkOperation.id"));
    }

    @Test
    void groupObjectsDefaultsToTrueBefore2026_01AndFalseFrom() {
        String mutation = "mutation run($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { message } } }";
        ShopifyApi.check(ORDERS_WITH_LINES, false);
        String grouped = api.version("2025-10").send(mutation, Map.of("q", ORDERS_WITH_LINES))
                .getString("data.bulkOperationRunQuery.bulkOperation.id");
        assertTrue(childrenAwayFromParent(BulkFiles.lines(BulkFiles.download(BulkFiles.await(api, grouped)
                .getString("data.bulkOperation.url")))) == 0);
        String ungrouped = api.send(mutation, Map.of("q", ORDERS_WITH_LINES)).getString("data.bulkOperationRunQuery.bulkOperation.id");
        assertTrue(childrenAwayFromParent(BulkFiles.lines(BulkFiles.download(BulkFiles.await(api, ungrouped)
                .getString("data.bulkOperation.url")))) > 0);
    }

    private static int childrenAwayFromParent(List<Map<String, Object>> lines) {
        int away = 0;
        String currentRoot = null;
        for (Map<String, Object> line : lines) {
            if (!line.containsKey("__parentId")) {
                currentRoot = line.get("id").toString();
            } else if (!line.get("__parentId").equals(currentRoot)) {
                away++;
            }
        }
        return away;
    }

    @Test
    void cancelEndsAsCanceled() {
        faults(Map.of("bulkPauseMillis", 2000));
        String id = BulkFiles.start(api, ORDERS_WITH_LINES, true);
        JsonPath cancel = api.send("mutation c($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { id status } "
                + "userErrors { field message } } }", Map.of("id", id));
        assertEquals("CANCELING", cancel.getString("data.bulkOperationCancel.bulkOperation.status"));
        assertEquals("CANCELED", BulkFiles.await(api, id).getString("data.bulkOperation.status"));
        JsonPath again = api.send("mutation c($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { id status } "
                + "userErrors { field message } } }", Map.of("id", id));
        assertFalse(again.getList("data.bulkOperationCancel.userErrors").isEmpty());
    }

    @Test
    void injectedFailureGivesFailedWithAPartialFile() {
        faults(Map.of("bulkFailures", 1, "bulkFailAfterObjects", 150));
        String id = BulkFiles.start(api, ORDERS_WITH_LINES, true);
        JsonPath s = BulkFiles.await(api, id);
        assertEquals("FAILED", s.getString("data.bulkOperation.status"));
        assertEquals("INTERNAL_SERVER_ERROR", s.getString("data.bulkOperation.errorCode"));
        assertNull(s.get("data.bulkOperation.url"));
        String partial = BulkFiles.download(s.getString("data.bulkOperation.partialDataUrl"));
        assertEquals(150, BulkFiles.lines(partial).size());
        assertEquals("150", s.getString("data.bulkOperation.objectCount"));
        JsonPath viaNode = api.send("query n($id: ID!) { node(id: $id) { ... on BulkOperation { status errorCode } } }", Map.of("id", id));
        assertEquals("FAILED", viaNode.getString("data.node.status"));
    }

    @Test
    void invalidBulkQueriesGetUserErrors() {
        Map<String, String> cases = new HashMap<>();
        cases.put("{ node(id: \"gid://shopify/Order/1\") { id } }", "top level `node`");
        cases.put("{ shop { id name } }", "at least one connection");
        cases.put("{ products { edges { node { id variants { edges { node { id metafields { edges { node { id } } } } } } } } } }",
                "nesting depth");
        cases.put("{ orders { nodes { id lineItems { nodes { id } } metafields { nodes { id } } a: metafields { nodes { id } } "
                + "b: metafields { nodes { id } } c: metafields { nodes { id } } } } }", "more than 5 connections");
        cases.forEach((query, expected) -> {
            JsonPath answer = api.runBulk(query, false);
            assertNull(answer.get("data.bulkOperationRunQuery.bulkOperation"), query);
            String message = answer.getString("data.bulkOperationRunQuery.userErrors[0].message");
            assertTrue(message.contains(expected), query + " -> " + message);
            assertEquals("INVALID", answer.getString("data.bulkOperationRunQuery.userErrors[0].code"));
        });
    }

    /** The same selection paged (250 at a time), normalised like the rebuilt file. */
    private Object paged() {
        List<Object> all = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            JsonPath page = api.send("query p($after: String) { orders(first: 8, after: $after, sortKey: ID) { edges { node { id name "
                    + "totalPriceSet { shopMoney { amount currencyCode } } lineItems(first: 100) { edges { node { id sku quantity } } } } } "
                    + "pageInfo { hasNextPage endCursor } } }", vars);
            List<Map<String, Object>> edges = page.getList("data.orders.edges");
            for (Map<String, Object> edge : edges) {
                @SuppressWarnings("unchecked")
                Map<String, Object> node = new java.util.LinkedHashMap<>((Map<String, Object>) edge.get("node"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> lineEdges = (List<Map<String, Object>>) ((Map<String, Object>) node.get("lineItems")).get("edges");
                List<Object> lineNodes = new ArrayList<>();
                lineEdges.forEach(e -> lineNodes.add(e.get("node")));
                node.put("lineItems", Map.of("nodes", lineNodes));
                all.add(node);
            }
            after = page.getBoolean("data.orders.pageInfo.hasNextPage") ? page.getString("data.orders.pageInfo.endCursor") : null;
        } while (after != null);
        return BulkFiles.normalise(all, Set.of("lineItems"));
    }
}
