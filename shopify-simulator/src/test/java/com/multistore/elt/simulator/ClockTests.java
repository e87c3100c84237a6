package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code pipeline.clock.fixed}, every business "now" of the simulator is that instant: the day the generated
 * history ends on, the updatedAt/createdAt of what the admin API writes, the bulk job's times and its URL's expiry.
 * The search lag still runs on real time, so fresh writes become visible although the clock stands still.
 */
@QuarkusTest
@TestProfile(ClockTests.FixedClock.class)
class ClockTests {
    static final String NOW = "2026-11-02T04:30:00Z";
    private final ShopifyApi api = new ShopifyApi("clock", "shpat_clock_test");

    public static class FixedClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline.clock.fixed", NOW,
                    // an empty value is no value: the history ends on the clock's day, not on %test's fixed date
                    "%test.simulator.anchor-date", "",
                    "%test.simulator.shops.clock.token", "shpat_clock_test",
                    "%test.simulator.shops.clock.orders", "300",
                    "%test.simulator.shops.clock.customers", "50",
                    "%test.simulator.shops.clock.products", "20");
        }
    }

    @AfterEach
    void clear() {
        ShopifyApi.admin().delete("/simulator/shops/clock/faults").then().statusCode(200);
    }

    @Test
    void generatedHistoryEndsBeforeTheClocksDay() {
        ShopifyApi.admin().post("/simulator/shops/clock/reset").then().statusCode(200);
        JsonPath newest = api.send("{ byUpdate: orders(first: 1, sortKey: UPDATED_AT, reverse: true) { nodes { updatedAt } }"
                + " byCreation: orders(first: 1, sortKey: CREATED_AT, reverse: true) { nodes { createdAt } }"
                + " customers(first: 1, sortKey: UPDATED_AT, reverse: true) { nodes { updatedAt } } }");
        Instant day = Instant.parse("2026-11-02T00:00:00Z");
        for (String at : List.of(newest.getString("data.byUpdate.nodes[0].updatedAt"),
                newest.getString("data.byCreation.nodes[0].createdAt"),
                newest.getString("data.customers.nodes[0].updatedAt"))) {
            assertTrue(Instant.parse(at).isBefore(day), "history goes past the clock's day: " + newest.prettify());
        }
        Instant lastCreated = Instant.parse(newest.getString("data.byCreation.nodes[0].createdAt"));
        assertTrue(lastCreated.isAfter(day.minus(7, ChronoUnit.DAYS)), "history ends well before the clock's day: "
                + lastCreated);
    }

    @Test
    void touchedAndCreatedOrdersCarryTheClocksInstant() {
        Object touched = ShopifyApi.admin().post("/simulator/shops/clock/orders/touch?count=1").then().statusCode(200)
                .extract().jsonPath().getList("touched").get(0);
        Object created = ShopifyApi.admin().post("/simulator/shops/clock/orders?count=1").then().statusCode(200)
                .extract().jsonPath().getList("created").get(0);
        String query = "query o($id: ID!) { order(id: $id) { createdAt updatedAt } }";
        JsonPath t = api.send(query, Map.of("id", "gid://shopify/Order/" + touched));
        assertEquals(NOW, t.getString("data.order.updatedAt"));
        JsonPath c = api.send(query, Map.of("id", "gid://shopify/Order/" + created));
        assertEquals(NOW, c.getString("data.order.createdAt"));
        assertEquals(NOW, c.getString("data.order.updatedAt"));
    }

    @Test
    void customerLifetimeIsCountedToTheClock() {
        JsonPath c = api.send("{ customers(first: 1, sortKey: ID, reverse: true) { nodes { createdAt lifetimeDuration } } }");
        long days = Math.max(0, (Instant.parse(NOW).getEpochSecond()
                - Instant.parse(c.getString("data.customers.nodes[0].createdAt")).getEpochSecond()) / 86_400);
        String expected = days < 31 ? days + " days" : days < 365 ? (days / 30) + " months" : "about " + (days / 365) + " years";
        assertEquals(expected, c.getString("data.customers.nodes[0].lifetimeDuration"));
    }

    @Test
    void bulkJobTimesAndItsUrlExpiryFollowTheClock() {
        JsonPath started = api.runBulk("{ orders { edges { node { id updatedAt } } } }", true);
        assertEquals(NOW, started.getString("data.bulkOperationRunQuery.bulkOperation.createdAt"));
        JsonPath done = BulkFiles.await(api, started.getString("data.bulkOperationRunQuery.bulkOperation.id"));
        assertEquals("COMPLETED", done.getString("data.bulkOperation.status"));
        assertEquals(NOW, done.getString("data.bulkOperation.completedAt"));
        String url = done.getString("data.bulkOperation.url");
        long expires = Instant.parse(NOW).plus(7, ChronoUnit.DAYS).getEpochSecond();
        assertTrue(url.contains("?Expires=" + expires + "&"), url);
        // expired in real time, valid by the clock it was signed with: the download checks the same clock
        assertFalse(BulkFiles.lines(BulkFiles.download(url)).isEmpty());
    }

    @Test
    void searchLagStillEndsAlthoughTheClockStandsStill() {
        ShopifyApi.admin().body(Map.of("searchLagSeconds", 2)).post("/simulator/shops/clock/faults").then().statusCode(200);
        Object id = ShopifyApi.admin().post("/simulator/shops/clock/orders/touch?count=1").then().statusCode(200)
                .extract().jsonPath().getList("touched").get(0);
        String gid = "gid://shopify/Order/" + id;
        String filtered = "query f($q: String) { orders(first: 250, query: $q) { nodes { id } } }";
        Map<String, Object> vars = Map.of("q", "updated_at:>='" + NOW + "'");
        assertFalse(api.send(filtered, vars).getList("data.orders.nodes.id").contains(gid), "visible before the lag passed");
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<Object> found;
        do {
            BulkFiles.sleep(250);
            found = api.send(filtered, vars).getList("data.orders.nodes.id");
        } while (!found.contains(gid) && System.nanoTime() < deadline);
        assertTrue(found.contains(gid), "never became visible: " + found);
    }
}
