package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deleting a product, a variant, an order and a customer: each leaves the normal queries and shows up once as a
 * BasicEvent with action "destroy" in {@code events} (the deprecated deletionEvents keeps listing products only);
 * Shopify's refusals (a customer with orders, a product's last variant) answer 409. The counts
 * ({@code ordersCount(query:, limit:)} and the others) agree with what the connections serve.
 */
@QuarkusTest
class DeletionsAndCountsTests {
    private static final String SHOP = "/simulator/shops/deletions";
    private static final String EVENTS = "query events($q: String, $after: String) { events(first: 100, after: $after,"
            + " sortKey: CREATED_AT, query: $q) { nodes { id action createdAt message ... on BasicEvent { subjectId"
            + " subjectType } } pageInfo { hasNextPage endCursor } } }";
    private final ShopifyApi api = new ShopifyApi("deletions", "shpat_deletions_test");

    private List<Map<String, Object>> events(String query) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("q", query);
        JsonPath page = api.send(EVENTS, vars);
        assertNull(page.get("errors"), page.prettify());
        return page.getList("data.events.nodes");
    }

    private static String number(String gid) {
        return gid.substring(gid.lastIndexOf('/') + 1);
    }

    private JsonPath node(String gid, String selection) {
        return api.send("query one($id: ID!) { node(id: $id) { id " + selection + " } }", Map.of("id", gid));
    }

    @Test
    void deletedObjectsLeaveTheQueriesAndAppearOnceAsDestroyEvents() {
        JsonPath products = api.send("{ products(first: 50) { nodes { id updatedAt variants(first: 10) { nodes { id } } } } }", Map.of());
        List<Map<String, Object>> all = products.getList("data.products.nodes");
        String deletedProduct = (String) all.get(0).get("id");
        Map<String, Object> withVariants = all.stream().skip(1)
                .filter(p -> ((List<?>) ((Map<?, ?>) p.get("variants")).get("nodes")).size() > 1).findFirst().orElseThrow();
        String keptProduct = (String) withVariants.get("id");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variants = (List<Map<String, Object>>) ((Map<String, Object>) withVariants.get("variants")).get("nodes");
        String deletedVariant = (String) variants.get(0).get("id");
        String order = api.send("{ orders(first: 1) { nodes { id } } }", Map.of()).getString("data.orders.nodes[0].id");
        long customer = ShopifyApi.admin().get(SHOP + "/customers/without-orders?count=1").then().statusCode(200)
                .extract().jsonPath().getLong("customers[0]");

        ShopifyApi.admin().delete(SHOP + "/products/" + number(deletedProduct)).then().statusCode(200);
        ShopifyApi.admin().delete(SHOP + "/variants/" + number(deletedVariant)).then().statusCode(200);
        ShopifyApi.admin().delete(SHOP + "/orders/" + number(order)).then().statusCode(200);
        ShopifyApi.admin().delete(SHOP + "/customers/" + customer).then().statusCode(200);
        ShopifyApi.admin().delete(SHOP + "/orders/" + number(order)).then().statusCode(404);

        for (String gone : List.of(deletedProduct, deletedVariant, order, "gid://shopify/Customer/" + customer)) {
            assertNull(node(gone, "").get("data.node"), gone + " is gone");
        }
        JsonPath kept = node(keptProduct, "... on Product { updatedAt variants(first: 10) { nodes { id } } }");
        assertFalse(kept.getList("data.node.variants.nodes.id").contains(deletedVariant), "the variant left its product");
        assertEquals(variants.size() - 1, kept.getList("data.node.variants.nodes").size());
        assertTrue(kept.getString("data.node.updatedAt").compareTo((String) withVariants.get("updatedAt")) >= 0);

        List<String> mine = List.of(deletedProduct, deletedVariant, order, "gid://shopify/Customer/" + customer);
        List<Map<String, Object>> destroyed = events("action:destroy").stream()
                .filter(e -> mine.contains(e.get("subjectId"))).toList();
        assertEquals(mine,
                destroyed.stream().map(e -> e.get("subjectId")).toList(), "one event per deletion, oldest first");
        assertEquals(List.of("PRODUCT", "PRODUCT_VARIANT", "ORDER", "CUSTOMER"),
                destroyed.stream().map(e -> e.get("subjectType")).toList());
        destroyed.forEach(e -> {
            assertEquals("destroy", e.get("action"));
            assertTrue(e.get("id").toString().startsWith("gid://shopify/BasicEvent/"), e.toString());
            assertTrue(e.get("message").toString().endsWith("was deleted."), e.toString());
        });
        assertEquals(List.of(order), events("action:destroy AND (subject_type:ORDER OR subject_type:DRAFT_ORDER)")
                .stream().map(e -> e.get("subjectId")).toList());
        String first = (String) destroyed.get(0).get("createdAt");
        assertTrue(events("action:destroy AND created_at:>='" + first + "'").stream().map(e -> e.get("subjectId")).toList()
                .containsAll(mine));
        assertTrue(events("action:destroy AND created_at:<'" + first + "'").stream().noneMatch(e -> mine.contains(e.get("subjectId"))));
        assertEquals(0, events("action:create").size(), "the simulator logs destroys only");

        JsonPath legacy = api.sendAllowingDeprecated("{ deletionEvents(first: 50, subjectTypes: [PRODUCT]) { nodes {"
                + " subjectId subjectType } } }");
        assertEquals(List.of(deletedProduct), legacy.getList("data.deletionEvents.nodes.subjectId"));
        JsonPath truth = ShopifyApi.admin().get(SHOP + "/truth").jsonPath();
        assertEquals(1, truth.getInt("deleted.CUSTOMER"));
        assertEquals(1, truth.getInt("deleted.ORDER"));
        assertEquals(1, truth.getInt("deleted.PRODUCT"));
        assertTrue(truth.getInt("deleted.PRODUCT_VARIANT") >= 1);
        assertTrue(truth.getList("deletedSubjects.PRODUCT").contains(deletedProduct));
        assertTrue(truth.getList("deletedSubjects.PRODUCT_VARIANT").contains(deletedVariant));
        assertEquals(List.of(order), truth.getList("deletedSubjects.ORDER"));
        assertEquals(List.of("gid://shopify/Customer/" + customer), truth.getList("deletedSubjects.CUSTOMER"));

        // the pipeline's payload of a deletion (DeletionEventNode) is served with every field it selects
        JsonPath payloads = api.send("query { events(first: 250, sortKey: CREATED_AT, query: \"action:destroy\") {"
                + " nodes { ...DeletionEventNode } } }\n" + com.multistore.elt.events.PayloadSelections.fragment("DeletionEventNode"),
                Map.of());
        List<Map<String, Object>> nodes = payloads.getList("data.events.nodes");
        Map<String, Object> ofOrder = nodes.stream().filter(n -> order.equals(n.get("subjectId"))).findFirst().orElseThrow();
        assertEquals(java.util.Set.of("id", "action", "createdAt", "message", "subjectId", "subjectType"), ofOrder.keySet());
        assertEquals("ORDER", ofOrder.get("subjectType"));
    }

    @Test
    void expiredDestroyEventsLeaveTheEventsButTheSubjectStaysDeletedInTheTruth() {
        List<Map<String, Object>> products = api.send("{ products(first: 50, reverse: true) { nodes { variants(first: 10) {"
                + " nodes { id } } } } }", Map.of()).getList("data.products.nodes");
        String variant = products.stream().map(p -> (List<?>) ((Map<?, ?>) p.get("variants")).get("nodes"))
                .filter(v -> v.size() > 1).findFirst().map(v -> (String) ((Map<?, ?>) v.get(v.size() - 1)).get("id"))
                .orElseThrow();
        ShopifyApi.admin().delete(SHOP + "/variants/" + number(variant)).then().statusCode(200);
        assertTrue(events("action:destroy").stream().anyMatch(e -> variant.equals(e.get("subjectId"))));

        int expired = ShopifyApi.admin().post(SHOP + "/events/expire").then().statusCode(200).extract().jsonPath()
                .getInt("expired");

        assertTrue(expired >= 1, "at least this test's event expired: " + expired);
        assertEquals(0, events("action:destroy").size(), "Shopify no longer serves the expired events");
        assertNull(node(variant, "").get("data.node"), "the variant stays deleted");
        assertTrue(ShopifyApi.admin().get(SHOP + "/truth").jsonPath().getList("deletedSubjects.PRODUCT_VARIANT")
                .contains(variant), "the ground truth still knows it was deleted");
    }

    @Test
    void whatShopifyRefusesToDeleteAnswers409() {
        String ordered = api.send("{ orders(first: 20) { nodes { customer { id } } } }", Map.of())
                .getList("data.orders.nodes.customer.id").stream().filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow().toString();
        ShopifyApi.admin().delete(SHOP + "/customers/" + number(ordered)).then().statusCode(409);
        List<Map<String, Object>> products = api.send("{ products(first: 50) { nodes { variants(first: 10) {"
                + " nodes { id } } } } }", Map.of()).getList("data.products.nodes");
        String only = products.stream().map(p -> (List<?>) ((Map<?, ?>) p.get("variants")).get("nodes"))
                .filter(v -> v.size() == 1).findFirst().map(v -> (String) ((Map<?, ?>) v.get(0)).get("id"))
                .orElse(null);
        if (only == null) { // every product has several: delete all but one of the first product's, then the last
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> vs = (List<Map<String, Object>>) ((Map<String, Object>) products.get(0).get("variants")).get("nodes");
            for (int i = 1; i < vs.size(); i++) {
                ShopifyApi.admin().delete(SHOP + "/variants/" + number((String) vs.get(i).get("id"))).then().statusCode(200);
            }
            only = (String) vs.get(0).get("id");
        }
        ShopifyApi.admin().delete(SHOP + "/variants/" + number(only)).then().statusCode(409);
    }

    @Test
    void countsAgreeWithTheConnections() {
        JsonPath truth = ShopifyApi.admin().get(SHOP + "/truth").jsonPath();
        JsonPath counts = api.send("{ orders: ordersCount(limit: null) { count precision } customers: customersCount"
                + "(limit: null) { count precision } products: productsCount(limit: null) { count precision }"
                + " variants: productVariantsCount(limit: null) { count precision } }", Map.of());
        assertNull(counts.get("errors"), counts.prettify());
        assertEquals(truth.getLong("orders.count"), counts.getLong("data.orders.count"));
        assertEquals(truth.getLong("customers.count"), counts.getLong("data.customers.count"));
        assertEquals(truth.getLong("products.count"), counts.getLong("data.products.count"));
        assertEquals(truth.getLong("variants.count"), counts.getLong("data.variants.count"));
        assertEquals("EXACT", counts.getString("data.orders.precision"));

        JsonPath limited = api.send("{ ordersCount(limit: 5) { count precision } }", Map.of());
        assertEquals(5, limited.getInt("data.ordersCount.count"));
        assertEquals("AT_LEAST", limited.getString("data.ordersCount.precision"));

        String since = api.send("{ orders(first: 1, sortKey: UPDATED_AT, reverse: true) { nodes { updatedAt } } }", Map.of())
                .getString("data.orders.nodes[0].updatedAt");
        String window = "updated_at:>='" + since + "'";
        long paged = api.send("query w($q: String) { orders(first: 250, query: $q) { nodes { id } } }", Map.of("q", window))
                .getList("data.orders.nodes").size();
        assertTrue(paged >= 1);
        assertEquals(paged, api.send("query c($q: String) { ordersCount(query: $q) { count } }", Map.of("q", window))
                .getLong("data.ordersCount.count"), "the count of a window is what paging it serves");
    }
}
