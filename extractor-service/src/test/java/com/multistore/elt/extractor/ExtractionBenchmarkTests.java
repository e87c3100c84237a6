package com.multistore.elt.extractor;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.RawRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figures for the issue note, not a regular test (run with {@code -Dextractor.benchmark=true}): records/s and API
 * cost per 1,000 orders on the bulk and the paged path against the simulator at Shopify's Standard bucket
 * (2000 points, 100/s) with the observed cost model, and how many THROTTLED answers default pacing ran into.
 * Written to {@code target/extractor-figures.txt}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "extractor.benchmark", matches = "true")
class ExtractionBenchmarkTests {

    @ConfigProperty(name = ShopifySimulatorResource.URL_PROPERTY)
    String simulator;

    @Test
    void bulkAndPagedOrders() throws Exception {
        given().contentType(ContentType.JSON).body("{\"costModel\":\"observed\",\"maximumAvailable\":2000,"
                + "\"restoreRate\":100}").put(simulator + "/simulator/shops/retail/bucket").then().statusCode(200);

        double throttledBefore = throttled();
        String bulk = start("/runs", "{\"stores\":[\"retail\"],\"entities\":[\"orders\"],\"mode\":\"BULK\"}");
        JsonPath bulkRun = await(bulk);
        report("bulk", bulkRun, throttled() - throttledBefore);

        List<RawRecord> orders = RawTopics.records(Entity.ORDERS, bulk, "retail").stream().map(RawTopics.Consumed::record)
                .sorted(Comparator.comparing(RawRecord::sourceUpdatedAt).reversed()).toList();
        Instant from = orders.get(Math.min(500, orders.size() - 1)).sourceUpdatedAt();
        throttledBefore = throttled();
        String paged = start("/replay", "{\"stores\":[\"retail\"],\"entities\":[\"orders\"],\"from\":\"" + from
                + "\",\"to\":\"2100-01-01T00:00:00Z\"}");
        JsonPath pagedRun = await(paged);
        report("paged", pagedRun, throttled() - throttledBefore);
    }

    private void report(String path, JsonPath run, double throttled) throws IOException {
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        long records = run.getLong("items[0].records");
        double cost = run.getDouble("items[0].costSpent");
        Duration took = Duration.between(Instant.parse(run.getString("items[0].startedAt")),
                Instant.parse(run.getString("items[0].endedAt")));
        assertTrue(records > 0);
        String line = String.format("%s path, retail orders: %d records in %.1f s = %.1f records/s; API cost %.0f = %.1f"
                        + " per 1,000 orders; THROTTLED answers %.0f (mode %s)%n", path, records, took.toMillis() / 1000.0,
                records * 1000.0 / Math.max(1, took.toMillis()), cost, cost * 1000 / records, throttled,
                run.getString("items[0].mode"));
        System.out.print("FIGURES " + line);
        Files.writeString(Path.of("target", "extractor-figures.txt"), line, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private double throttled() {
        return given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("shopify_throttled_total") && l.contains("store=\"retail\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private String start(String path, String body) {
        return given().contentType(ContentType.JSON).header("Authorization", ExtractionTests.ADMIN).body(body)
                .when().post(path).then().statusCode(202).extract().jsonPath().getString("runId");
    }

    private JsonPath await(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath run = given().get("/runs/" + runId).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(run.getString("status"))) {
                return run;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("run " + runId + " did not end within 20 min");
    }
}
