package com.multistore.elt.testing;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An event that arrives while the service's database is down: the database is cut off (sessions terminated, new
 * ones refused), the event is sent, and the outage lasts until the service's event inbox reports the channel
 * stalled (readiness DOWN, check "event inbox"); then the database comes back. A test then checks that the event was
 * handled once and that nothing reached the dead-letter topic.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** Sends the event during an outage; returns once the inbox has tried it, failed, and the database is back. */
    public static void whileEventArrives(TestDatabase database, Callable<?> send) throws Exception {
        try (TestDatabase.Outage outage = database.cutOff()) {
            send.call();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!inboxStalled()) {
                if (System.nanoTime() > deadline) {
                    fail("the event inbox never reported the channel stalled while the database was down");
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean inboxStalled() {
        Response r = RestAssured.given().when().get("/q/health/ready");
        return r.statusCode() == 503 && "DOWN".equals(r.jsonPath().getString("checks.find { it.name == 'event inbox' }.status"));
    }
}
