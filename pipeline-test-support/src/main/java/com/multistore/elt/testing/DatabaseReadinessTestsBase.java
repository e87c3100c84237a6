package com.multistore.elt.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Readiness of a service that uses the database as well as Kafka: UP with both checks while they answer, DOWN
 * (503) while the database is unreachable, UP again once it is back.
 */
public abstract class DatabaseReadinessTestsBase extends ReadinessTestsBase {

    @InjectTestDatabase
    protected TestDatabase database;

    @Test
    void readyWithTheDatabaseCheck() {
        assertReadyWith(DATABASE_CHECK);
        RestAssured.given().when().get("/q/health/ready")
                .then().body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", is("UP"));
    }

    @Test
    void notReadyWhileTheDatabaseIsUnreachable() throws Exception {
        try (TestDatabase.Outage ignored = database.cutOff()) {
            RestAssured.given().when().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("status", is("DOWN"))
                    .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", is("DOWN"));
        }
        awaitReady(Duration.ofSeconds(30));
    }

    /** Waits until readiness is UP again (the connection pool reconnects after an outage). */
    private static void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (RestAssured.given().when().get("/q/health/ready").statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        fail("not ready again " + timeout.toSeconds() + " s after the database came back");
    }
}
