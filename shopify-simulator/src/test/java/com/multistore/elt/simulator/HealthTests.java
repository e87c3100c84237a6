package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.is;

@QuarkusTest
class HealthTests {

    @Test
    void readyWithoutBrokerOrDatabase() {
        RestAssured.given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
