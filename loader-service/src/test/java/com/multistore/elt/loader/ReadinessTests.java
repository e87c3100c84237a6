package com.multistore.elt.loader;

import com.multistore.elt.testing.DatabaseReadinessTestsBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class ReadinessTests extends DatabaseReadinessTestsBase {

    @Test
    void readyWithTheArchiveCheck() {
        assertReadyWith("Raw archive writable");
        RestAssured.given().when().get("/q/health/ready")
                .then().body("checks.find { it.name == 'Raw archive writable' }.status", is("UP"));
    }

    @Test
    void readyWithItsStores() {
        assertReadyWith("stores");
        RestAssured.given().when().get("/q/health/ready")
                .then().body("checks.find { it.name == 'stores' }.data.stores", is("replay-store"));
    }

    @Test
    void loaderMetricsAreServed() {
        RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("loader_records_staged_total"))
                .body(containsString("loader_batch_records"))
                .body(containsString("loader_records_dead_lettered_total"));
    }
}
