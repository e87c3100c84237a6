package com.multistore.elt.notifier;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.multistore.elt.events.DeadLetterReason;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A finished run's notification, end to end: real broker in, WireMock Azure AD / Power BI / SNS out, real ledger. */
@QuarkusTest
class NotificationTests extends NotifierTestsBase {

    @Inject
    Clock clock;

    @Test
    void aSucceededRunRefreshesEachDatasetOnceEvenWhenItsEventComesTwice() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        refreshCompletes(SALES, "req-sales-1");
        refreshCompletes(STOCK, "req-stock-1");

        deliver(runId, succeeded(runId), succeeded(runId));
        assertEquals("SENT", awaitOutcome(runId, 1, 0));

        // the token request: client credentials as a form, the Power BI scope
        List<LoggedRequest> tokens = wireMock.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertEquals(1, tokens.size(), "one token, cached for both datasets");
        assertTrue(tokens.get(0).getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "client-app-7",
                "client_secret", CLIENT_SECRET, "scope", "https://analysis.windows.net/powerbi/api/.default"),
                form(tokens.get(0)));
        // one refresh POST per dataset, with the bearer token and the notify option
        for (String path : List.of(SALES, STOCK)) {
            wireMock.verify(1, postRequestedFor(urlEqualTo(path))
                    .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                    .withRequestBody(equalToJson("{\"notifyOption\":\"NoNotification\"}")));
            // polled until Power BI reported a final status: Unknown, then Completed
            wireMock.verify(2, getRequestedFor(urlPathEqualTo(path)).withQueryParam("$top", equalTo("1"))
                    .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        }
        assertEquals(0, snsPublishes().size(), "a refreshed run raises no alert");
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and kind = 'POWERBI_REFRESH' and sent_at is not null"
                + " and datasets -> 'sales' ->> 'state' = 'COMPLETED' and datasets -> 'stock' ->> 'state' = 'COMPLETED'"));

        // the same event once more, after the notification was SENT: nothing is sent again
        deliver(runId, succeeded(runId));
        wireMock.verify(1, postRequestedFor(urlEqualTo(SALES)));
        wireMock.verify(1, postRequestedFor(urlEqualTo(STOCK)));
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId + "'"));
        assertNoSecrets(null);
    }

    @Test
    void aFailedRunIsAlertedThroughSnsAndPowerBiIsNotCalled() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        TransformCompleted failed = new TransformCompleted(runId, 2, Status.FAILED, List.of(
                new TransformCompleted.JobResult("merge_customers", Status.SUCCEEDED, 40, 1, 300, null),
                new TransformCompleted.JobResult("merge_orders", Status.FAILED, 0, 3, 9100,
                        "duplicate key value violates unique constraint \"fact_orders_pkey\"")),
                new TransformCompleted.DataQuality(3, 1, 2),
                List.of(new TransformCompleted.DeadLetters("retail", Entity.ORDERS, 3, List.of(
                        new DeadLetterReason("missing gid", 2), new DeadLetterReason("missing payload", 1)))),
                new TransformCompleted.Reconciliation(11, 0, 1, List.of(new TransformCompleted.Difference("retail",
                        Entity.ORDERS, "records", new java.math.BigDecimal("50.0000"), new java.math.BigDecimal("49.0000"),
                        new java.math.BigDecimal("-1.0000"), "ERROR", "the extractor published 50 records"))));

        deliver(runId, failed, failed);
        assertEquals("SENT", awaitOutcome(runId, 2, 0));

        wireMock.verify(0, anyRequestedFor(urlMatching("/v1\\.0/.*")));
        wireMock.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        List<LoggedRequest> publishes = snsPublishes();
        assertEquals(1, publishes.size(), "one alert for the attempt, however often the event came");
        Map<String, String> publish = form(publishes.get(0));
        assertEquals("Publish", publish.get("Action"));
        assertEquals(TOPIC_ARN, publish.get("TopicArn"));
        String subject = publish.get("Subject");
        assertTrue(subject.contains(runId) && subject.contains("attempt 2") && subject.contains("FAILED"), subject);
        assertTrue(subject.length() < 100, "SNS subjects are under 100 characters");
        String message = publish.get("Message");
        for (String expected : List.of(runId, "attempt 2", "merge_orders after 3 attempt(s)", "fact_orders_pkey",
                "3 passed, 1 warned, 2 failed", "ops.etl_run_log where run_id = '" + runId + "'",
                "transformer: http://etl-host:8083", "Dead letters: 3 record(s)", "orders@retail: 3",
                "2 x missing gid", "1 x missing payload", "/dead-letters/redrive",
                "Reconciliation with the source: 11 OK, 0 warned, 1 failed",
                "ERROR orders@retail records: source 50, warehouse 49 (difference -1): the extractor published 50")) {
            assertTrue(message.contains(expected), "alert lacks: " + expected + "\n" + message);
        }
        assertTrue(!message.contains("merge_customers after"), "only failed jobs are listed");
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and kind = 'SNS_ALERT' and detail like '%msg-0001%'"));
        RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("notifier_notifications_total{kind=\"SNS_ALERT\",outcome=\"SENT\"}"))
                .body(containsString("notifier_duplicate_events_total"));
        assertNoSecrets(joined(publishes));
    }

    @Test
    void a401FromPowerBiIsAlertedWithTheServicePrincipalHint() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        wireMock.stubFor(post(urlEqualTo(SALES)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"PowerBINotAuthorizedException\",\"pbi.error\":{\"code\":\"PowerBINotAuthorizedException\"}}}")));
        refreshCompletes(STOCK, "req-stock-9");

        deliver(runId, succeeded(runId));
        assertEquals("FAILED", awaitOutcome(runId, 1, 0));

        // a 401 is retried once with a fresh token, then given up (no blind retries of a permanent refusal)
        wireMock.verify(2, postRequestedFor(urlEqualTo(SALES)));
        wireMock.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        List<LoggedRequest> publishes = snsPublishes();
        assertEquals(1, publishes.size());
        Map<String, String> publish = form(publishes.get(0));
        assertEquals("Publish", publish.get("Action"));
        assertEquals(TOPIC_ARN, publish.get("TopicArn"));
        String message = publish.get("Message");
        for (String expected : List.of(runId, "sales (workspace group-sales-1, dataset dataset-sales-1): DENIED",
                "HTTP 401", "PowerBINotAuthorizedException", "Service principals can use Fabric APIs",
                "Workspace group-sales-1 > Manage access", "client id client-app-7", "stock", "COMPLETED")) {
            assertTrue(message.contains(expected), "alert lacks: " + expected + "\n" + message);
        }
        assertTrue(publish.get("Subject").contains("refresh failed"), publish.get("Subject"));
        assertNoSecrets(joined(publishes));
    }

    @Test
    void aRefreshPowerBiReportsFailedIsAlertedWithItsError() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        refreshCompletes(STOCK, "req-stock-f");
        wireMock.stubFor(post(urlEqualTo(SALES)).willReturn(aResponse().withStatus(202).withHeader("RequestId", "req-sales-f")));
        wireMock.stubFor(get(urlPathEqualTo(SALES)).withQueryParam("$top", equalTo("1")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"value\":[{\"requestId\":\"req-sales-f\",\"status\":\"Failed\",\"serviceExceptionJson\":"
                        + "\"{\\\"errorCode\\\":\\\"ModelRefreshFailed_CredentialsNotSpecified\\\"}\"}]}")));

        deliver(runId, succeeded(runId));
        assertEquals("FAILED", awaitOutcome(runId, 1, 0));

        String message = form(snsPublishes().get(0)).get("Message");
        assertTrue(message.contains("dataset-sales-1): FAILED - refresh Failed")
                && message.contains("ModelRefreshFailed_CredentialsNotSpecified"), message);
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and datasets -> 'sales' ->> 'state' = 'FAILED' and datasets -> 'stock' ->> 'state' = 'COMPLETED'"));
    }

    @Test
    void anAzureAdRefusalIsAlertedWithTheCredentialHintAndNoRefreshIsAsked() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}")));

        deliver(runId, succeeded(runId));
        assertEquals("FAILED", awaitOutcome(runId, 1, 0));

        wireMock.verify(0, anyRequestedFor(urlMatching("/v1\\.0/.*")));
        String message = form(snsPublishes().get(0)).get("Message");
        for (String expected : List.of("AUTH_FAILED", "invalid_client", "AADSTS7000215", "NOTIFIER_AZURE_AD_CLIENT_SECRET",
                "secret's VALUE")) {
            assertTrue(message.contains(expected), "alert lacks: " + expected + "\n" + message);
        }
        assertNoSecrets(message);
    }

    @Test
    void aSendInterruptedBetweenClaimAndOutcomeIsResumedWithoutAskingTwice() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        refreshCompletes(SALES, "req-sales-before-crash");
        refreshCompletes(STOCK, "req-stock-2");
        // what a crash leaves behind: the claim PENDING, its lease run out, sales' refresh already asked for
        database.execute("insert into ops.notifications (run_id, attempt, send_no, kind, status, event, datasets, lease_until)"
                + " values ('" + runId + "', 1, 0, 'POWERBI_REFRESH', 'PENDING', '" + json(succeeded(runId)) + "',"
                + " '{\"sales\": {\"state\": \"REQUESTED\", \"detail\": \"refresh requested\","
                + " \"requestId\": \"req-sales-before-crash\"}}', now() - interval '1 minute')");

        deliver(runId, succeeded(runId));
        assertEquals("SENT", awaitOutcome(runId, 1, 0));

        wireMock.verify(0, postRequestedFor(urlEqualTo(SALES)));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(SALES)));
        wireMock.verify(1, postRequestedFor(urlEqualTo(STOCK)));
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and tries = 2 and datasets -> 'sales' ->> 'state' = 'COMPLETED'"));
    }

    @Test
    void aRedeliveredEventWhoseSendIsLeasedWaitsAndResumesTheSendOnceTheLeaseRunsOut() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        // a claimer that crashed mid-send: PENDING, its lease not yet run out
        database.execute("insert into ops.notifications (run_id, attempt, send_no, kind, status, event, lease_until)"
                + " values ('" + runId + "', 1, 0, 'SNS_ALERT', 'PENDING', '"
                + json(new TransformCompleted(runId, 1, Status.FAILED, List.of(), null)) + "', now() + interval '6 seconds')");

        var task = companion.produceStrings().fromRecords(List.of(new ProducerRecord<>(
                Topics.TRANSFORM_COMPLETED, 0, runId, json(new TransformCompleted(runId, 1, Status.FAILED, List.of(), null)))))
                .awaitCompletion();
        long offset = task.byTopicPartition().get(new TopicPartition(Topics.TRANSFORM_COMPLETED, 0)).get(0).offset();
        Thread.sleep(3000);
        assertEquals(0, snsPublishes().size(), "nothing is sent while another claim holds the lease");
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and status = 'PENDING' and tries = 1"));

        awaitCommitted(new TopicPartition(Topics.TRANSFORM_COMPLETED, 0), offset + 1);
        assertEquals("SENT", awaitOutcome(runId, 1, 0), "resumed once the lease ran out, not acknowledged as done");
        assertEquals(1, snsPublishes().size());
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and tries = 2"));
    }

    @Test
    void aRefreshRequestWhoseAnswerIsLostIsFoundInTheHistoryAndNotAskedTwice() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        refreshCompletes(STOCK, "req-stock-l");
        refreshCompletes(SALES, "req-sales-lost");
        // Power BI took the request, but its answer never arrived (here: a 503 instead of the 202)
        wireMock.stubFor(post(urlEqualTo(SALES)).willReturn(aResponse().withStatus(503).withBody("gateway timeout")));
        historyHasARefreshStartedNow(SALES, "req-sales-lost");

        deliver(runId, succeeded(runId));
        assertEquals("SENT", awaitOutcome(runId, 1, 0));

        wireMock.verify(1, postRequestedFor(urlEqualTo(SALES)));
        wireMock.verify(1, postRequestedFor(urlEqualTo(STOCK)));
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and datasets -> 'sales' ->> 'state' = 'COMPLETED'"
                + " and datasets -> 'sales' ->> 'requestId' = 'req-sales-lost'"));
    }

    @Test
    void aSendResumedWhileItsRequestWasGoingOutReadsTheHistoryAndDoesNotAskAgain() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        refreshCompletes(SALES, "req-sales-taken");
        refreshCompletes(STOCK, "req-stock-r");
        historyHasARefreshStartedNow(SALES, "req-sales-taken");
        // what a crash right after the POST leaves behind: the claim PENDING, its lease run out, sales ASKING
        database.execute("insert into ops.notifications (run_id, attempt, send_no, kind, status, event, datasets, lease_until)"
                + " values ('" + runId + "', 1, 0, 'POWERBI_REFRESH', 'PENDING', '" + json(succeeded(runId)) + "',"
                + " jsonb_build_object('sales', jsonb_build_object('state', 'ASKING', 'detail', 'refresh being requested',"
                + " 'askedAt', to_char((now() - interval '5 seconds') at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))),"
                + " now() - interval '1 minute')");

        deliver(runId, succeeded(runId));
        assertEquals("SENT", awaitOutcome(runId, 1, 0));

        wireMock.verify(0, postRequestedFor(urlEqualTo(SALES)));
        wireMock.verify(1, postRequestedFor(urlEqualTo(STOCK)));
    }

    @Test
    void refreshesBeyondTheDailyCapAreSkippedRecordedAndAlerted() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC); // the quota zone, UTC
        database.execute("insert into ops.powerbi_refresh_quota (dataset, quota_date, used) values"
                + " ('group-sales-1/dataset-sales-1', '" + today + "', 50)"
                + " on conflict (dataset, quota_date) do update set used = 50");
        refreshCompletes(STOCK, "req-stock-cap");
        try {
            deliver(runId, succeeded(runId));
            assertEquals("SKIPPED", awaitOutcome(runId, 1, 0));
        } finally {
            database.execute("delete from ops.powerbi_refresh_quota where dataset = 'group-sales-1/dataset-sales-1'");
        }

        wireMock.verify(0, postRequestedFor(urlEqualTo(SALES)));
        wireMock.verify(1, postRequestedFor(urlEqualTo(STOCK)));
        String message = form(snsPublishes().get(0)).get("Message");
        assertTrue(message.contains("sales (workspace group-sales-1, dataset dataset-sales-1): SKIPPED"), message);
        assertTrue(message.contains("daily refresh cap of 50 was reached for " + today), message);
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and datasets -> 'sales' ->> 'state' = 'SKIPPED' and detail like '%sales SKIPPED%'"));
        assertTrue(database.queryForLong("select used from ops.powerbi_refresh_quota where dataset ="
                + " 'group-sales-1/dataset-stock-2' and quota_date = '" + today + "'") >= 1, "the stock refresh was counted");
    }

    @Test
    void aRefreshRequestAnswered503IsAskedAgainOnlyOnceTheHistoryShowsItWasNotTaken() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        refreshCompletes(STOCK, "req-stock-t");
        refreshCompletes(SALES, "req-sales-t");
        wireMock.stubFor(post(urlEqualTo(SALES)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withBody("busy")));
        wireMock.stubFor(post(urlEqualTo(SALES)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(202).withHeader("RequestId", "req-sales-t")));

        deliver(runId, succeeded(runId));
        assertEquals("SENT", awaitOutcome(runId, 1, 0));

        wireMock.verify(2, postRequestedFor(urlEqualTo(SALES)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(SALES)).withQueryParam("$top", equalTo("5")));
        assertEquals(0, snsPublishes().size());
    }
}
