package com.multistore.elt.notifier;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /replay}: admin only, a new recorded send next to the once-per-attempt one. */
@QuarkusTest
class ReplayTests extends NotifierTestsBase {

    private static final String ADMIN = "Bearer test-admin-token-notifier";

    @Test
    void replayNeedsTheAdminTokenAndNeverEchoesIt() throws Exception {
        for (String header : List.of("", "Bearer wrong-token", "Basic dGVzdA==")) {
            var request = RestAssured.given().contentType(ContentType.JSON).body("{\"runId\":\"run-x\"}");
            if (!header.isEmpty()) {
                request.header("Authorization", header);
            }
            String body = request.when().post("/replay").then().statusCode(401).extract().asString();
            assertTrue(!body.contains("wrong-token") && !body.contains("test-admin-token-notifier"), body);
            assertNoSecrets(body);
        }
        wireMock.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void replayReSendsAFailedRunsAlertAsANewRecordedSend() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        TransformCompleted failed = new TransformCompleted(runId, 1, Status.FAILED, List.of(
                new TransformCompleted.JobResult("merge_products", Status.FAILED, 0, 3, 500, "relation missing")),
                new TransformCompleted.DataQuality(0, 0, 0));
        deliver(runId, failed);
        assertEquals("SENT", awaitOutcome(runId, 1, 0));

        String body = RestAssured.given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"runId\":\"" + runId + "\"}")
                .when().post("/replay")
                .then().statusCode(200)
                .body("runId", is(runId)).body("attempt", is(1)).body("sendNo", is(1))
                .body("kind", is("SNS_ALERT")).body("outcome", is("SENT"))
                .body(not(containsString(CLIENT_SECRET)))
                .extract().asString();

        assertEquals(2, snsPublishes().size(), "the original alert and the replayed one");
        String replayed = form(snsPublishes().get(1)).get("Message");
        assertTrue(replayed.contains("re-sent by replay 1") && replayed.contains("relation missing"), replayed);
        assertEquals(2, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and attempt = 1 and status = 'SENT'"));
        assertNoSecrets(body);
    }

    @Test
    void replayOfASucceededRunRefreshesAgain() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        refreshCompletes(SALES, "req-sales-r");
        refreshCompletes(STOCK, "req-stock-r");
        deliver(runId, succeeded(runId));
        assertEquals("SENT", awaitOutcome(runId, 1, 0));

        refreshCompletes(SALES, "req-sales-r");
        refreshCompletes(STOCK, "req-stock-r");
        RestAssured.given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"runId\":\"" + runId + "\",\"attempt\":1}")
                .when().post("/replay")
                .then().statusCode(200).body("sendNo", is(1)).body("outcome", is("SENT"));

        wireMock.verify(2, postRequestedFor(urlEqualTo(SALES)));
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and send_no = 1 and datasets -> 'stock' ->> 'state' = 'COMPLETED'"));
    }

    @Test
    void replayResumesAnOriginalSendLeftPendingByACrashAndRefusesOneInProgress() throws Exception {
        String crashed = "run-" + UUID.randomUUID();
        String busy = "run-" + UUID.randomUUID();
        for (String[] row : List.of(new String[]{crashed, "now() - interval '1 minute'"},
                new String[]{busy, "now() + interval '1 hour'"})) {
            database.execute("insert into ops.notifications (run_id, attempt, send_no, kind, status, event, lease_until)"
                    + " values ('" + row[0] + "', 1, 0, 'SNS_ALERT', 'PENDING', '"
                    + json(new TransformCompleted(row[0], 1, Status.FAILED, List.of(), null)) + "', " + row[1] + ")");
        }

        RestAssured.given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"runId\":\"" + crashed + "\"}")
                .when().post("/replay")
                .then().statusCode(200).body("sendNo", is(0)).body("outcome", is("SENT"));
        RestAssured.given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"runId\":\"" + busy + "\"}")
                .when().post("/replay")
                .then().statusCode(409).body("error", containsString("being sent"));

        assertEquals(1, snsPublishes().size(), "only the crashed send was completed");
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + crashed
                + "' and send_no = 0 and status = 'SENT' and tries = 2"));
    }

    @Test
    void replayOfAnUnknownRunIsNotFoundAndBadInputIsRefused() {
        RestAssured.given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"runId\":\"run-never-seen\"}")
                .when().post("/replay")
                .then().statusCode(404).body("error", containsString("run-never-seen"));
        RestAssured.given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"attempt\":1}")
                .when().post("/replay")
                .then().statusCode(400).body("error", containsString("runId"));
    }
}
