package com.multistore.elt.extractor.rest;

import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The run endpoints: admin token required, one run at a time per store (409 names the running run), bad input 400. */
@QuarkusTest
class RunResourceTests {

    static final String ADMIN = "Bearer test-admin-token";

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void startingARunNeedsTheAdminToken() {
        given().contentType(ContentType.JSON).body("{}").when().post("/runs").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-11-02T00:00:00Z\"}")
                .header("Authorization", "Bearer wrong").when().post("/replay").then().statusCode(401);
    }

    @Test
    void aStoreStillBeingExtractedAnswers409WithTheRunningRun() throws Exception {
        String running = "run-busy-" + UUID.randomUUID();
        database.execute("insert into ops.extractor_runs (run_id, trigger, business_dates, status) values ('"
                + running + "', 'MANUAL', '{}', 'RUNNING')");
        database.execute("insert into ops.extractor_run_items (run_id, store, entity, mode, status) values ('"
                + running + "', 'busy', 'orders', 'BULK', 'RUNNING')");

        given().contentType(ContentType.JSON).header("Authorization", ADMIN)
                .body("{\"stores\":[\"busy\"],\"entities\":[\"orders\"]}")
                .when().post("/runs")
                .then().statusCode(409)
                .body("runningRunId", equalTo(running))
                .body("store", equalTo("busy"));
    }

    @Test
    void unknownStoresAndEmptyReplayWindowsAreRefused() {
        given().contentType(ContentType.JSON).header("Authorization", ADMIN).body("{\"stores\":[\"nowhere\"]}")
                .when().post("/runs").then().statusCode(400).body("error", containsString("nowhere"));
        given().contentType(ContentType.JSON).header("Authorization", ADMIN).body("{\"stores\":[\"busy\"]}")
                .when().post("/replay").then().statusCode(400).body("error", containsString("window"));
        given().contentType(ContentType.JSON).header("Authorization", ADMIN)
                .body("{\"stores\":[\"idle\"],\"from\":\"2026-11-02T00:00:00Z\",\"to\":\"2026-11-01T00:00:00Z\"}")
                .when().post("/replay").then().statusCode(400).body("error", containsString("empty"));
    }

    @Test
    void anUnknownRunIs404() {
        given().when().get("/runs/run-that-never-was").then().statusCode(404);
    }
}
