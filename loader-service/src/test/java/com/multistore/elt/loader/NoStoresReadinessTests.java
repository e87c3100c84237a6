package com.multistore.elt.loader;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** A loader without any enabled store starts, but says it is not ready, and why. */
@QuarkusTest
@TestProfile(NoStoresReadinessTests.NoStores.class)
class NoStoresReadinessTests {

    public static class NoStores implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline.stores.replay-store.enabled", "false");
        }
    }

    @Test
    void notReadyWithoutAStore() {
        RestAssured.given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'stores' }.status", is("DOWN"))
                .body("checks.find { it.name == 'stores' }.data.reason", startsWith("no stores configured"));
        RestAssured.given().when().get("/q/health/live").then().statusCode(200);
    }
}
