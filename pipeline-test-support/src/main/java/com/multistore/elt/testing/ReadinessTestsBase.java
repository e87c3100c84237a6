package com.multistore.elt.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * The health contract of a service that talks to Kafka: {@code GET /q/health/ready} is UP with the Kafka check, and
 * liveness answers without any token. Subclass it as a {@code @QuarkusTest}; services that also use the database
 * subclass {@link DatabaseReadinessTestsBase}.
 */
public abstract class ReadinessTestsBase {

    protected static final String DATABASE_CHECK = "Database connections health check";
    protected static final String KAFKA_CHECK = "Kafka connection health check";

    @Test
    void readyWithTheKafkaCheck() {
        RestAssured.given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == '" + KAFKA_CHECK + "' }.status", is("UP"));
    }

    @Test
    void livenessNeedsNoToken() {
        RestAssured.given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
    }

    protected static void assertReadyWith(String check) {
        RestAssured.given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", hasItem(check));
    }
}
