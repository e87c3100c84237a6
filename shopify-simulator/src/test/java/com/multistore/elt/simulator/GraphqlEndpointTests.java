package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GraphqlEndpointTests {
    private final ShopifyApi retail = new ShopifyApi("retail", "shpat_retail_local");
    private final ShopifyApi wholesale = new ShopifyApi("wholesale", "shpat_wholesale_local");

    @Test
    void shopByHostHeaderAndByPath() {
        String query = "{ shop { myshopifyDomain currencyCode ianaTimezone } }";
        ShopifyApi.check(query, false);
        RestAssured.given().contentType(ContentType.JSON).header("Host", "wholesale.myshopify.com")
                .header("X-Shopify-Access-Token", "shpat_wholesale_local").body(Map.of("query", query))
                .post("/admin/api/2026-04/graphql.json")
                .then().statusCode(200)
                .body("data.shop.myshopifyDomain", equalTo("wholesale.myshopify.com"))
                .body("data.shop.ianaTimezone", equalTo("America/Chicago"))
                .body("extensions.cost.throttleStatus.maximumAvailable", equalTo(2000.0f))
                .header("X-Request-ID", notNullValue());
        JsonPath bakery = new ShopifyApi("bakery", "shpat_bakery_local").send(query);
        assertEquals("INR", bakery.getString("data.shop.currencyCode"));
        assertEquals("Asia/Kolkata", bakery.getString("data.shop.ianaTimezone"));
    }

    @Test
    void wrongOrMissingTokenIs401WithShopifysStringBody() {
        String query = "{ shop { name } }";
        ShopifyApi.check(query, false);
        for (String token : new String[]{"shpat_wholesale_local", null}) {
            var request = RestAssured.given().contentType(ContentType.JSON).body(Map.of("query", query));
            if (token != null) {
                request.header("X-Shopify-Access-Token", token);
            }
            request.post("/shops/retail/admin/api/2026-04/graphql.json").then().statusCode(401)
                    .body("errors", equalTo("[API] Invalid API key or access token (unrecognized login or wrong password)"));
        }
    }

    @Test
    void invalidQueryGetsShopifyShapedErrorsWithCost() {
        JsonPath answer = retail.sendInvalid("{ orders(first: 1) { nodes { id nosuchfield } } }")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("Field 'nosuchfield' doesn't exist on type 'Order'", answer.getString("errors[0].message"));
        assertEquals("undefinedField", answer.getString("errors[0].extensions.code"));
        assertNull(answer.get("data"));
        assertEquals(2000.0f, (Float) answer.get("extensions.cost.throttleStatus.maximumAvailable"));
        JsonPath syntax = retail.sendInvalid("{ orders(first: 1) { nodes { id }").then().statusCode(200).extract().jsonPath();
        assertFalse(syntax.getList("errors").isEmpty());
        retail.raw("", Map.of()).then().statusCode(400).body("errors.query", equalTo("Required parameter missing or invalid"));
    }

    @Test
    void connectionsNeedFirstOrLastAndAtMost250() {
        JsonPath none = retail.sendInvalid("{ orders { nodes { id } } }").then().statusCode(200).extract().jsonPath();
        assertEquals("you must provide one of first or last", none.getString("errors[0].message"));
        JsonPath big = retail.sendInvalid("{ customers(first: 251) { nodes { id } } }").then().statusCode(200).extract().jsonPath();
        assertTrue(big.getString("errors[0].message").contains("250"), big.prettify());
    }

    @Test
    void versionsFallForwardOrAreNotFound() {
        String query = "{ shop { name } }";
        ShopifyApi.check(query, false);
        Response old = retail.version("2023-01").raw(query, Map.of());
        old.then().statusCode(200).header("X-Shopify-API-Version", "2025-07");
        retail.version("2026-13").raw(query, Map.of()).then().statusCode(404);
    }

    @Test
    void sortKeysReverseEdgesAndNodesAgree() {
        JsonPath page = retail.send("{ orders(first: 20, sortKey: UPDATED_AT, reverse: true) { edges { cursor node { id updatedAt } } "
                + "nodes { id } pageInfo { hasNextPage endCursor startCursor } } }");
        List<String> edgeIds = page.getList("data.orders.edges.node.id");
        assertEquals(edgeIds, page.getList("data.orders.nodes.id"));
        List<String> times = page.getList("data.orders.edges.node.updatedAt");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1).compareTo(times.get(i)) >= 0, "not newest first: " + times);
        }
        assertEquals(page.getString("data.orders.edges[19].cursor"), page.getString("data.orders.pageInfo.endCursor"));
        JsonPath byCreated = retail.send("{ orders(first: 5, sortKey: CREATED_AT) { nodes { id createdAt } } }");
        List<String> created = byCreated.getList("data.orders.nodes.createdAt");
        assertEquals(created.stream().sorted().toList(), created);
    }

    @Test
    void nodesOrderByIdAndUnknownIdsAreNull() {
        String id = retail.send("{ orders(first: 1) { nodes { id } } }").getString("data.orders.nodes[0].id");
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", id);
        vars.put("ids", List.of(id, "gid://shopify/Order/1"));
        JsonPath answer = retail.send("query q($id: ID!, $ids: [ID!]!) { order(id: $id) { id name } "
                + "node(id: $id) { id ... on Order { legacyResourceId } } nodes(ids: $ids) { id } }", vars);
        assertEquals(id, answer.getString("data.order.id"));
        assertEquals(id.substring(id.lastIndexOf('/') + 1), answer.getString("data.node.legacyResourceId"));
        assertEquals(id, answer.getString("data.nodes[0].id"));
        assertNull(answer.get("data.nodes[1]"));
    }

    @Test
    void retailAndWholesaleShareCustomersSpelledDifferently() {
        String query = "{ customers(first: 250) { nodes { id updatedAt defaultEmailAddress { emailAddress } } } }";
        Map<String, Map<String, Object>> retailByEmail = byNormalisedEmail(retail.send(query));
        Map<String, Map<String, Object>> wholesaleByEmail = byNormalisedEmail(wholesale.send(query));
        Set<String> shared = new HashSet<>(retailByEmail.keySet());
        shared.retainAll(wholesaleByEmail.keySet());
        assertTrue(shared.size() >= 20, "shared customers: " + shared.size());
        int spelledDifferently = 0;
        for (String email : shared) {
            Map<String, Object> r = retailByEmail.get(email);
            Map<String, Object> w = wholesaleByEmail.get(email);
            assertNotEquals(r.get("id"), w.get("id"));
            if (!r.get("raw").equals(w.get("raw"))) {
                spelledDifferently++;
            }
        }
        assertEquals(shared.size(), spelledDifferently);
    }

    @Test
    void retailAndWholesaleShareSkusWithOtherStock() {
        String query = "{ inventoryItems(first: 50) { nodes { sku inventoryLevels(first: 5) { nodes { "
                + "quantities(names: [\"available\"]) { quantity } } } } } }";
        Map<String, Integer> r = stock(retail.send(query));
        Map<String, Integer> w = stock(wholesale.send(query));
        Set<String> shared = new HashSet<>(r.keySet());
        shared.retainAll(w.keySet());
        assertTrue(shared.size() >= 10, "shared SKUs: " + shared);
        assertTrue(shared.stream().anyMatch(sku -> !r.get(sku).equals(w.get(sku))), "stock never differs");
    }

    @Test
    void deprecatedEmailSingleMetafieldAndLocationsAreServed() {
        JsonPath customers = retail.sendAllowingDeprecated("{ customers(first: 5) { nodes { email defaultEmailAddress { emailAddress } } } }");
        assertEquals(customers.getList("data.customers.nodes.defaultEmailAddress.emailAddress"),
                customers.getList("data.customers.nodes.email"));
        ShopifyApi bakery = new ShopifyApi("bakery", "shpat_bakery_local");
        JsonPath order = bakery.send("{ orders(first: 1) { nodes { type: metafield(namespace: \"custom\", key: \"order_type\") { value } "
                + "request: metafield(namespace: \"custom\", key: \"request_id\") { value type } none: metafield(key: \"order_type\") { value } } } }");
        assertTrue(List.of("deposit", "remaining").contains(order.getString("data.orders.nodes[0].type.value")));
        assertTrue(order.getString("data.orders.nodes[0].request.value").startsWith("REQ-"));
        assertNull(order.get("data.orders.nodes[0].none"));
        JsonPath locations = retail.send("{ locations(first: 10) { nodes { id name isActive address { city } } } }");
        assertEquals(3, locations.getList("data.locations.nodes").size());
        assertTrue(locations.getList("data.locations.nodes.isActive").stream().allMatch(Boolean.TRUE::equals));
    }

    private static Map<String, Map<String, Object>> byNormalisedEmail(JsonPath answer) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        List<Map<String, Object>> nodes = answer.getList("data.customers.nodes");
        for (Map<String, Object> n : nodes) {
            @SuppressWarnings("unchecked")
            String raw = (String) ((Map<String, Object>) n.get("defaultEmailAddress")).get("emailAddress");
            out.put(raw.trim().toLowerCase(Locale.ROOT), Map.of("id", n.get("id"), "raw", raw));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> stock(JsonPath answer) {
        Map<String, Integer> out = new HashMap<>();
        List<Map<String, Object>> items = answer.getList("data.inventoryItems.nodes");
        for (Map<String, Object> item : items) {
            int total = 0;
            for (Map<String, Object> level : (List<Map<String, Object>>) ((Map<String, Object>) item.get("inventoryLevels")).get("nodes")) {
                total += (Integer) ((List<Map<String, Object>>) level.get("quantities")).get(0).get("quantity");
            }
            out.put((String) item.get("sku"), total);
        }
        return out;
    }
}
