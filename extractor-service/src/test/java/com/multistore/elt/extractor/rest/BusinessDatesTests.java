package com.multistore.elt.extractor.rest;

import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A business day belongs to a store: with the clock pinned at 03:30 UTC on 2 December, New York (busy) is still on
 * the 1st and Kolkata (idle) already on the 2nd; the run records each store's own date, and its id the UTC date.
 */
@QuarkusTest
@TestProfile(BusinessDatesTests.PinnedClock.class)
class BusinessDatesTests {

    public static class PinnedClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline.clock.fixed", "2026-12-02T03:30:00Z");
        }
    }

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void eachStoreOfARunGetsTheDateOfItsOwnTimeZone() throws Exception {
        String runId = given().contentType(ContentType.JSON).header("Authorization", RunResourceTests.ADMIN)
                .body("{\"stores\":[\"busy\",\"idle\"],\"entities\":[\"customers\"],\"mode\":\"BULK\"}")
                .when().post("/runs")
                .then().statusCode(202)
                .body("runId", startsWith("run-20261202-"))
                .body("businessDates.busy", equalTo("2026-12-01"))
                .body("businessDates.idle", equalTo("2026-12-02"))
                .extract().path("runId");
        assertEquals("{\"busy\": \"2026-12-01\", \"idle\": \"2026-12-02\"}", database.queryForString(
                "select business_dates::text from ops.extractor_runs where run_id = '" + runId + "'"));
        given().when().get("/runs/" + runId).then().statusCode(200)
                .body("businessDates.busy", equalTo("2026-12-01"));
        // nothing listens at these stores: the run fails, and must not hold them for the other tests
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && database.queryForLong("select count(*) from ops.extractor_runs"
                + " where run_id = '" + runId + "' and status = 'RUNNING'") > 0) {
            Thread.sleep(200);
        }
        assertTrue(database.queryForLong("select count(*) from ops.extractor_runs where run_id = '" + runId
                + "' and status = 'RUNNING'") == 0, "the run against stores nobody serves ended");
    }
}
