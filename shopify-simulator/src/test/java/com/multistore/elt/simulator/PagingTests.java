package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PagingTests {
    private static final String PAGE = "query page($after: String, $sort: OrderSortKeys, $q: String) { orders(first: 100, "
            + "after: $after, sortKey: $sort, query: $q) { nodes { id updatedAt } pageInfo { hasNextPage endCursor } } }";
    private final ShopifyApi api = new ShopifyApi("paging", "shpat_paging_test");

    private long orderCount() {
        return ShopifyApi.admin().get("/simulator/shops/paging/truth").then().statusCode(200).extract().jsonPath()
                .getLong("orders.count");
    }

    private List<String> pageAll(String sortKey, String query, Runnable betweenPages) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            vars.put("sort", sortKey);
            vars.put("q", query);
            JsonPath page = api.send(PAGE, vars);
            seen.addAll(page.getList("data.orders.nodes.id"));
            after = page.getBoolean("data.orders.pageInfo.hasNextPage") ? page.getString("data.orders.pageInfo.endCursor") : null;
            betweenPages.run();
        } while (after != null);
        return seen;
    }

    @Test
    void pagingByIdWhileOrdersAreTouchedHasNoGapOrDuplicate() {
        long total = orderCount();
        assertTrue(total >= 1000, "paging shop has " + total + " orders");
        List<String> seen = pageAll("ID", null, () -> ShopifyApi.admin().post("/simulator/shops/paging/orders/touch?count=40")
                .then().statusCode(200));
        assertEquals(total, seen.size());
        assertEquals(total, new HashSet<>(seen).size());
    }

    @Test
    void pagingByUpdatedAtWhileOrdersAreTouchedMissesNothing() {
        long total = orderCount();
        List<String> before = pageAll("ID", null, () -> { });
        Set<String> touched = new HashSet<>();
        List<String> seen = pageAll("UPDATED_AT", null, () -> {
            List<Object> ids = ShopifyApi.admin().post("/simulator/shops/paging/orders/touch?count=25").then().statusCode(200)
                    .extract().jsonPath().getList("touched");
            ids.forEach(id -> touched.add("gid://shopify/Order/" + id));
        });
        assertTrue(new HashSet<>(seen).containsAll(before), "an order was skipped while paging by UPDATED_AT");
        assertEquals(total, new HashSet<>(seen).size());
        Map<String, Integer> counts = new HashMap<>();
        seen.forEach(id -> counts.merge(id, 1, Integer::sum));
        counts.forEach((id, n) -> assertTrue(n == 1 || touched.contains(id), id + " seen twice but never touched"));
    }

    @Test
    void updatedAtFilterFindsExactlyTheTouchedOrders() throws InterruptedException {
        Thread.sleep(1100);
        String since = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Object> touched = ShopifyApi.admin().post("/simulator/shops/paging/orders/touch?count=7").then().statusCode(200)
                .extract().jsonPath().getList("touched");
        Thread.sleep(1100);
        String until = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Set<String> expected = new HashSet<>();
        touched.forEach(id -> expected.add("gid://shopify/Order/" + id));

        List<String> window = pageAll("UPDATED_AT", "updated_at:>='" + since + "' AND updated_at:<'" + until + "'", () -> { });
        assertEquals(expected, new HashSet<>(window));
        List<String> ascending = new ArrayList<>(window);
        assertEquals(7, ascending.size());

        List<String> quoted = pageAll("ID", "updated_at:>=\"" + since + "\" updated_at:<=\"" + until + "\"", () -> { });
        assertEquals(expected, new HashSet<>(quoted));

        String first = touched.get(0).toString();
        String second = touched.get(1).toString();
        List<String> either = pageAll("ID", "id:" + first + " OR id:" + second, () -> { });
        assertEquals(Set.of("gid://shopify/Order/" + first, "gid://shopify/Order/" + second), new HashSet<>(either));

        List<String> createdBefore = pageAll("CREATED_AT", "created_at:<'2025-01-01T00:00:00Z'", () -> { });
        assertTrue(createdBefore.isEmpty(), "orders created before the history: " + createdBefore.size());
    }

    @Test
    void emptySearchValueIsShopifysInternalError() {
        JsonPath answer = api.send("{ orders(first: 5, query: \"updated_at:>\") { nodes { id } } }");
        assertEquals("INTERNAL_SERVER_ERROR", answer.getString("errors[0].extensions.code"));
        assertTrue(answer.getString("errors[0].message").startsWith("Internal error. Looks like something went wrong on our end."));
    }

    @Test
    void lastAndBeforePageBackwards() {
        JsonPath firstPage = api.send("{ orders(first: 10, sortKey: ID) { nodes { id } pageInfo { endCursor } } }");
        List<String> ids = firstPage.getList("data.orders.nodes.id");
        Map<String, Object> vars = new HashMap<>();
        vars.put("before", firstPage.getString("data.orders.pageInfo.endCursor"));
        JsonPath back = api.send("query back($before: String) { orders(last: 4, before: $before, sortKey: ID) { nodes { id } "
                + "pageInfo { hasPreviousPage hasNextPage } } }", vars);
        assertEquals(ids.subList(5, 9), back.getList("data.orders.nodes.id"));
        assertTrue(back.getBoolean("data.orders.pageInfo.hasPreviousPage"));
        assertFalse(ids.isEmpty());
    }

    private static final String NESTED = "query rest($id: ID!, $after: String) { order(id: $id) { lineItems(first: 250, "
            + "after: $after) { nodes { id quantity } pageInfo { hasNextPage endCursor } } } }";

    @Test
    void anOrderOf300LinesAnd60MetafieldsPagesItsNestedConnections() {
        long before = ShopifyApi.admin().get("/simulator/shops/paging/truth").jsonPath().getLong("orders.metafields");
        long id = ShopifyApi.admin().post("/simulator/shops/paging/orders?lines=300&notes=60").then().statusCode(200)
                .extract().jsonPath().getLong("created[0]");
        String gid = "gid://shopify/Order/" + id;

        JsonPath first = api.send("query one($id: ID!) { order(id: $id) { lineItems(first: 250) { nodes { id } "
                + "pageInfo { hasNextPage endCursor } } metafields(first: 50) { nodes { namespace key } "
                + "pageInfo { hasNextPage } } } }", Map.of("id", gid));
        assertEquals(250, first.getList("data.order.lineItems.nodes").size());
        assertTrue(first.getBoolean("data.order.lineItems.pageInfo.hasNextPage"));
        assertEquals(50, first.getList("data.order.metafields.nodes").size());
        assertTrue(first.getBoolean("data.order.metafields.pageInfo.hasNextPage"));
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", gid);
        vars.put("after", first.getString("data.order.lineItems.pageInfo.endCursor"));
        JsonPath rest = api.send(NESTED, vars);
        assertEquals(50, rest.getList("data.order.lineItems.nodes").size());
        assertFalse(rest.getBoolean("data.order.lineItems.pageInfo.hasNextPage"));
        Set<Object> lines = new HashSet<>(first.getList("data.order.lineItems.nodes.id"));
        lines.addAll(rest.getList("data.order.lineItems.nodes.id"));
        assertEquals(300, lines.size(), "300 distinct lines over two pages");
        assertEquals(before + 60, ShopifyApi.admin().get("/simulator/shops/paging/truth").jsonPath().getLong("orders.metafields"));
    }

    @Test
    void theBakerysCakeOrdersKeepOneLine() {
        ShopifyApi.admin().post("/simulator/shops/bakery/orders?lines=300").then().statusCode(400);
        ShopifyApi.admin().post("/simulator/shops/paging/orders?notes=101").then().statusCode(400);
    }
}
