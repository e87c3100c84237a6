package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FaultTests {
    private static final String QUERY = "{ shop { name } }";
    private final ShopifyApi api = new ShopifyApi("faults", "shpat_faults_test");

    private static void faults(Map<String, Object> f) {
        ShopifyApi.admin().body(f).post("/simulator/shops/faults/faults").then().statusCode(200);
    }

    @AfterEach
    void clear() {
        ShopifyApi.admin().delete("/simulator/shops/faults/faults").then().statusCode(200);
    }

    @Test
    void nextCallsFailWith500And503ThenRecover() {
        ShopifyApi.check(QUERY, false);
        faults(Map.of("http500", 2, "http503", 1));
        assertEquals(503, api.raw(QUERY, Map.of()).statusCode());
        assertEquals(500, api.raw(QUERY, Map.of()).statusCode());
        assertEquals(500, api.raw(QUERY, Map.of()).statusCode());
        api.raw(QUERY, Map.of()).then().statusCode(200);
    }

    @Test
    void rateLimited429CarriesRetryAfter() {
        ShopifyApi.check(QUERY, false);
        faults(Map.of("http429", 2, "retryAfterSeconds", 3));
        for (int i = 0; i < 2; i++) {
            Response r = api.raw(QUERY, Map.of());
            assertEquals(429, r.statusCode());
            assertEquals("3", r.header("Retry-After"));
        }
        api.raw(QUERY, Map.of()).then().statusCode(200);
    }

    @Test
    void throttledStormThenNormalService() {
        ShopifyApi.check(QUERY, false);
        faults(Map.of("throttled", 3));
        for (int i = 0; i < 3; i++) {
            JsonPath answer = api.raw(QUERY, Map.of()).then().statusCode(200).extract().jsonPath();
            assertEquals("THROTTLED", answer.getString("errors[0].extensions.code"));
            assertNull(answer.get("extensions.cost.actualQueryCost"));
        }
        JsonPath ok = api.raw(QUERY, Map.of()).then().statusCode(200).extract().jsonPath();
        assertEquals("Faults (simulated)", ok.getString("data.shop.name"));
    }

    @Test
    void internalServerErrorInA200Body() {
        ShopifyApi.check(QUERY, false);
        faults(Map.of("internalErrors", 1));
        Response r = api.raw(QUERY, Map.of());
        JsonPath answer = r.then().statusCode(200).extract().jsonPath();
        assertEquals("INTERNAL_SERVER_ERROR", answer.getString("errors[0].extensions.code"));
        assertEquals(r.header("X-Request-ID"), answer.getString("errors[0].extensions.requestId"));
    }

    @Test
    void searchLagHidesFreshEditsFromFilteredQueriesOnly() {
        faults(Map.of("searchLagSeconds", 10));
        String since = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
        Object id = ShopifyApi.admin().post("/simulator/shops/faults/orders/touch?count=1").then().statusCode(200)
                .extract().jsonPath().getList("touched").get(0);
        String gid = "gid://shopify/Order/" + id;
        String filtered = "query f($q: String) { orders(first: 50, query: $q) { nodes { id } } }";
        Map<String, Object> vars = new HashMap<>();
        vars.put("q", "updated_at:>='" + since + "'");
        assertTrue(!api.send(filtered, vars).getList("data.orders.nodes.id").contains(gid), "visible before the lag passed");
        JsonPath direct = api.send("query o($id: ID!) { order(id: $id) { updatedAt } }", Map.of("id", gid));
        assertTrue(direct.getString("data.order.updatedAt").compareTo(since) >= 0);
        long deadline = System.currentTimeMillis() + 60_000;
        List<Object> found;
        do {
            BulkFiles.sleep(500);
            found = api.send(filtered, vars).getList("data.orders.nodes.id");
        } while (!found.contains(gid) && System.currentTimeMillis() < deadline);
        assertTrue(found.contains(gid), "never became visible: " + found);
    }

    @Test
    void deletedProductVanishesAndAppearsInDeletionEvents() {
        JsonPath order = api.send("{ orders(first: 1, sortKey: ID) { nodes { id lineItems(first: 1) { nodes { sku "
                + "product { id } variant { id } } } } } }");
        String productId = order.getString("data.orders.nodes[0].lineItems.nodes[0].product.id");
        String sku = order.getString("data.orders.nodes[0].lineItems.nodes[0].sku");
        ShopifyApi.admin().delete("/simulator/shops/faults/products/" + productId.substring(productId.lastIndexOf('/') + 1))
                .then().statusCode(200);
        assertNull(api.send("query p($id: ID!) { product(id: $id) { id } }", Map.of("id", productId)).get("data.product"));
        JsonPath after = api.send("query o($id: ID!) { order(id: $id) { lineItems(first: 1) { nodes { sku product { id } "
                + "variant { id } } } } }", Map.of("id", order.getString("data.orders.nodes[0].id")));
        assertNull(after.get("data.order.lineItems.nodes[0].variant"));
        assertNull(after.get("data.order.lineItems.nodes[0].product"));
        assertEquals(sku, after.getString("data.order.lineItems.nodes[0].sku"));
        JsonPath events = api.sendAllowingDeprecated("{ deletionEvents(first: 10, subjectTypes: [PRODUCT]) { nodes { "
                + "subjectId subjectType occurredAt } } }");
        assertTrue(events.getList("data.deletionEvents.nodes.subjectId").contains(productId));
        ShopifyApi.admin().delete("/simulator/shops/faults/products/" + productId.substring(productId.lastIndexOf('/') + 1))
                .then().statusCode(404);
    }

    @Test
    void resetWithAnotherSeedAndSizeRebuildsTheShop() {
        JsonPath other = ShopifyApi.admin().post("/simulator/shops/faults/reset?seed=99&orders=123").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(123, other.getInt("orders.count"));
        String otherFirst = api.send("{ orders(first: 1, sortKey: ID) { nodes { totalPriceSet { shopMoney { amount } } } } }")
                .getString("data.orders.nodes[0].totalPriceSet.shopMoney.amount");
        JsonPath again = ShopifyApi.admin().post("/simulator/shops/faults/reset?seed=99&orders=123").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(other.getString("orders.totalPrice"), again.getString("orders.totalPrice"));
        assertEquals(otherFirst, api.send("{ orders(first: 1, sortKey: ID) { nodes { totalPriceSet { shopMoney { amount } } } } }")
                .getString("data.orders.nodes[0].totalPriceSet.shopMoney.amount"));
        JsonPath back = ShopifyApi.admin().post("/simulator/shops/faults/reset?seed=42&orders=300").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(300, back.getInt("orders.count"));
        assertTrue(!back.getString("orders.totalPrice").equals(other.getString("orders.totalPrice")));
    }

    @Test
    void createdOrdersAreServedAndCounted() {
        long before = ShopifyApi.admin().get("/simulator/shops/faults/truth").then().extract().jsonPath().getLong("orders.count");
        List<Object> created = ShopifyApi.admin().post("/simulator/shops/faults/orders?count=3").then().statusCode(200)
                .extract().jsonPath().getList("created");
        assertEquals(3, created.size());
        long after = ShopifyApi.admin().get("/simulator/shops/faults/truth").then().extract().jsonPath().getLong("orders.count");
        assertEquals(before + 3, after);
        JsonPath newest = api.send("{ orders(first: 3, sortKey: CREATED_AT, reverse: true) { nodes { legacyResourceId } } }");
        List<String> expected = new java.util.ArrayList<>(created.stream().map(String::valueOf).toList());
        java.util.Collections.reverse(expected);
        assertEquals(expected, newest.getList("data.orders.nodes.legacyResourceId"));
    }

    @Test
    void editedCustomersAreServedWithTheirNewNameAndEmailAndUpdatedAt() throws InterruptedException {
        String query = "query c($id: ID!) { customer(id: $id) { lastName updatedAt defaultEmailAddress { emailAddress } } }";
        Thread.sleep(1100);
        String since = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Object> touched = ShopifyApi.admin().post("/simulator/shops/faults/customers/touch?count=4&email=true")
                .then().statusCode(200).extract().jsonPath().getList("touched");
        assertEquals(4, touched.size());
        for (int i = 0; i < touched.size(); i++) {
            JsonPath c = api.send(query, Map.of("id", "gid://shopify/Customer/" + touched.get(i)));
            assertTrue(c.getString("data.customer.updatedAt").compareTo(since) >= 0, "updatedAt moved to now");
            String email = c.getString("data.customer.defaultEmailAddress.emailAddress");
            assertEquals(i % 2 == 0, email != null && email.endsWith("@changed.example.com"),
                    "every second edited customer has a new e-mail: " + email);
        }
        JsonPath again = ShopifyApi.admin().post("/simulator/shops/faults/customers/touch?id=" + touched.get(1))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(touched.get(1)), again.getList("touched"));
        String filtered = "query f($q: String) { customers(first: 50, query: $q) { nodes { legacyResourceId } } }";
        Thread.sleep(1100);
        List<String> found = api.send(filtered, Map.of("q", "updated_at:>='" + since + "'"))
                .getList("data.customers.nodes.legacyResourceId");
        assertEquals(touched.stream().map(String::valueOf).sorted().toList(), found.stream().sorted().toList(),
                "an incremental customer query finds exactly the edited customers");
    }

    @Test
    void adjustedStockIsServedAndCounted() {
        long before = ShopifyApi.admin().get("/simulator/shops/faults/truth").then().extract().jsonPath()
                .getLong("inventory.onHand");
        List<Object> adjusted = ShopifyApi.admin().post("/simulator/shops/faults/inventory/adjust?count=5&delta=7")
                .then().statusCode(200).extract().jsonPath().getList("adjusted");
        assertEquals(5, adjusted.size());
        JsonPath truth = ShopifyApi.admin().get("/simulator/shops/faults/truth").then().extract().jsonPath();
        assertEquals(before + 5L * 7 * truth.getLong("locations.count"), truth.getLong("inventory.onHand"),
                "every location of each adjusted item gained 7");
        String item = "gid://shopify/InventoryItem/" + adjusted.get(0);
        JsonPath levels = api.send("query i($id: ID!) { inventoryItem(id: $id) { inventoryLevels(first: 5) { nodes {"
                + " quantities(names: [\"available\"]) { quantity } } } } }", Map.of("id", item));
        assertTrue(levels.getList("data.inventoryItem.inventoryLevels.nodes.quantities.flatten().quantity", Integer.class)
                .stream().allMatch(q -> q >= 7), "available after +7: " + levels.prettify());
        ShopifyApi.admin().post("/simulator/shops/faults/inventory/adjust?count=5&delta=-100000").then().statusCode(200);
        JsonPath empty = api.send("query i($id: ID!) { inventoryItem(id: $id) { inventoryLevels(first: 5) { nodes {"
                + " quantities(names: [\"available\"]) { quantity } } } } }", Map.of("id", item));
        assertTrue(empty.getList("data.inventoryItem.inventoryLevels.nodes.quantities.flatten().quantity", Integer.class)
                .stream().allMatch(q -> q == 0), "available stock never goes below zero: " + empty.prettify());
        ShopifyApi.admin().post("/simulator/shops/faults/inventory/adjust?count=1&delta=0").then().statusCode(400);
    }
}
