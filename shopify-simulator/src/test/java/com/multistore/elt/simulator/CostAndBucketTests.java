package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CostAndBucketTests {
    private final ShopifyApi api = new ShopifyApi("bucket", "shpat_bucket_test");

    private static void bucket(Map<String, Object> settings) {
        ShopifyApi.admin().body(settings).put("/simulator/shops/bucket/bucket").then().statusCode(200);
    }

    @BeforeEach
    void fullBucket() {
        bucket(Map.of("maximumAvailable", 2000.0, "restoreRate", 100.0, "currentlyAvailable", 2000.0, "costModel", "documented"));
    }

    @Test
    void requestedCostFollowsTheModelAndActualCostIsRefunded() {
        JsonPath full = api.send("{ orders(first: 10) { nodes { id customer { id } } } }");
        // 2 + 10 x (order 1 + customer 1)
        assertEquals(22, full.getInt("extensions.cost.requestedQueryCost"));
        int customers = (int) full.getList("data.orders.nodes.customer").stream().filter(c -> c != null).count();
        assertEquals(2 + 10 + customers, full.getInt("extensions.cost.actualQueryCost"));

        bucket(Map.of("restoreRate", 0.0001, "currentlyAvailable", 500.0));
        JsonPath empty = api.send("{ orders(first: 50, query: \"id:<1\") { nodes { id } } }");
        assertEquals(52, empty.getInt("extensions.cost.requestedQueryCost"));
        assertEquals(2, empty.getInt("extensions.cost.actualQueryCost"));
        // charged 52, refunded 50: the bucket lost 2 points
        assertEquals(498, empty.getInt("extensions.cost.throttleStatus.currentlyAvailable"));
    }

    @Test
    void costTotalsAddUpTheRequestedAndActualCostOfEachShop() {
        JsonPath before = ShopifyApi.admin().get("/simulator/cost").then().statusCode(200).extract().jsonPath();
        JsonPath answer = api.send("{ orders(first: 10) { nodes { id customer { id } } } }");
        JsonPath after = ShopifyApi.admin().get("/simulator/cost").then().statusCode(200).extract().jsonPath();
        assertEquals(before.getDouble("bucket.requested") + answer.getInt("extensions.cost.requestedQueryCost"),
                after.getDouble("bucket.requested"), 0.001);
        assertEquals(before.getDouble("bucket.actual") + answer.getInt("extensions.cost.actualQueryCost"),
                after.getDouble("bucket.actual"), 0.001);
        assertEquals(100.0, after.getDouble("bucket.restoreRate"), 0.001);
    }

    @Test
    void maxCostExceededIsRejectedBeforeRunningAndCostsNothing() {
        bucket(Map.of("restoreRate", 0.0001, "currentlyAvailable", 1500.0));
        JsonPath answer = api.send("{ orders(first: 250) { nodes { id lineItems(first: 100) { nodes { id } } } } }");
        assertNull(answer.get("data"));
        assertEquals("MAX_COST_EXCEEDED", answer.getString("errors[0].extensions.code"));
        long cost = answer.getLong("errors[0].extensions.cost");
        assertEquals(2 + 250L * (1 + 2 + 100), cost);
        assertEquals(1000, answer.getInt("errors[0].extensions.maxCost"));
        assertTrue(answer.getString("errors[0].message").startsWith("Query cost is " + cost
                + ", which exceeds the single query max cost limit (1000)."));
        assertEquals(1500, answer.getInt("extensions.cost.throttleStatus.currentlyAvailable"));
    }

    @Test
    void throttledWhenTheBucketIsShortHttp200NoDataActualNull() {
        bucket(Map.of("maximumAvailable", 100.0, "restoreRate", 1.0, "currentlyAvailable", 20.0));
        var response = api.raw("{ orders(first: 50) { nodes { id } } }", Map.of());
        ShopifyApi.check("{ orders(first: 50) { nodes { id } } }", false);
        JsonPath answer = response.then().statusCode(200).extract().jsonPath();
        assertNull(answer.get("data"));
        assertEquals("Throttled", answer.getString("errors[0].message"));
        assertEquals("THROTTLED", answer.getString("errors[0].extensions.code"));
        assertEquals(52, answer.getInt("extensions.cost.requestedQueryCost"));
        assertNull(answer.get("extensions.cost.actualQueryCost"));
        assertEquals(100.0f, (Float) answer.get("extensions.cost.throttleStatus.maximumAvailable"));
        int available = answer.getInt("extensions.cost.throttleStatus.currentlyAvailable");
        assertTrue(available >= 20 && available < 52, "available " + available);
    }

    @Test
    void bucketRefillsAtRestoreRateUpToTheMaximum() throws InterruptedException {
        String query = "{ shop { id } }";
        bucket(Map.of("maximumAvailable", 1000.0, "restoreRate", 50.0, "currentlyAvailable", 100.0));
        long t0 = System.nanoTime();
        JsonPath first = api.send(query);
        long t1 = System.nanoTime();
        assertEquals(1, first.getInt("extensions.cost.requestedQueryCost"));
        double a1 = first.getDouble("extensions.cost.throttleStatus.currentlyAvailable");
        // 100 - 1 + refill while the call ran (at most 50/s over the call's duration)
        assertTrue(a1 >= 98 && a1 <= 99 + 50 * (t1 - t0) / 1e9 + 1, "after one call: " + a1);
        Thread.sleep(2000);
        long t2 = System.nanoTime();
        JsonPath second = api.send(query);
        long t3 = System.nanoTime();
        double a2 = second.getDouble("extensions.cost.throttleStatus.currentlyAvailable");
        double minElapsed = (t2 - t1) / 1e9;
        double maxElapsed = (t3 - t0) / 1e9;
        assertTrue(a2 >= a1 - 1 + 50 * minElapsed - 2, "refilled too little: " + a1 + " -> " + a2 + " in " + minElapsed + " s");
        assertTrue(a2 <= a1 - 1 + 50 * maxElapsed + 2, "refilled too much: " + a1 + " -> " + a2 + " in " + maxElapsed + " s");

        bucket(Map.of("restoreRate", 100000.0));
        Thread.sleep(50);
        JsonPath capped = api.send(query);
        assertEquals(1000.0, capped.getDouble("extensions.cost.throttleStatus.currentlyAvailable"), 1.0);
    }

    @Test
    void perFieldCostsOnRequest() {
        String query = "{ orders(first: 10) { nodes { id customer { id } } } }";
        ShopifyApi.check(query, false);
        JsonPath answer = io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .header("X-Shopify-Access-Token", "shpat_bucket_test").header("X-GraphQL-Cost-Include-Fields", "true")
                .body(Map.of("query", query)).post("/shops/bucket/admin/api/2026-04/graphql.json")
                .then().statusCode(200).extract().jsonPath();
        java.util.List<Map<String, Object>> fields = answer.getList("extensions.cost.fields");
        Map<String, Object> orders = fields.stream().filter(f -> f.get("path").equals(java.util.List.of("orders"))).findFirst().orElseThrow();
        assertEquals(22, orders.get("requestedTotalCost"));
        assertEquals(20, orders.get("requestedChildrenCost"));
        assertEquals(2, orders.get("definedCost"));
        assertTrue(fields.stream().anyMatch(f -> f.get("path").equals(java.util.List.of("orders", "nodes", "customer"))
                && f.get("requestedTotalCost").equals(1)), fields.toString());
        assertNull(api.send(query).get("extensions.cost.fields"));
    }

    @Test
    void mutationsCostTen() {
        JsonPath answer = api.send("mutation { bulkOperationCancel(id: \"gid://shopify/BulkOperation/1\") { userErrors { message } } }");
        assertEquals(10, answer.getInt("extensions.cost.requestedQueryCost"));
        assertEquals("Bulk operation does not exist", answer.getString("data.bulkOperationCancel.userErrors[0].message"));
    }
}
