package com.multistore.elt.notifier;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.testing.DatabaseOutage;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The alert of a failed run is never lost to a transient failure: a completion that arrives while PostgreSQL is down,
 * or an alert SNS refuses, is tried again by the event inbox (readiness DOWN meanwhile) and sent once it can be.
 */
@QuarkusTest
class DatabaseOutageTests extends NotifierTestsBase {

    @Test
    void theAlertOfAFailedRunArrivingWhileTheDatabaseIsDownIsSentOnceItAnswers() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        TransformCompleted failed = new TransformCompleted(runId, 1, Status.FAILED, List.of(
                new TransformCompleted.JobResult("merge_orders", Status.FAILED, 0, 3, 9100, "lock timeout")),
                new TransformCompleted.DataQuality(0, 0, 0));
        DatabaseOutage.whileEventArrives(database, () -> companion.produceStrings()
                .fromRecords(new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, 0, runId, json(failed))).awaitCompletion());

        assertEquals("SENT", awaitOutcome(runId, 1, 0));
        assertEquals(1, snsPublishes().stream().filter(r -> r.getBodyAsString().contains(runId)).count(),
                "one alert for the run");
        assertEquals(List.of(), TopicProbe.withKey(Topics.DEAD_LETTERS, runId), "nothing dead-lettered");
    }

    @Test
    void anAlertSnsRefusesIsTriedAgainUntilItIsPublishedAndNeverDeadLettered() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        wireMock.stubFor(post(urlEqualTo("/")).atPriority(1).willReturn(aResponse().withStatus(500)
                .withBody("<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>")));
        TransformCompleted failed = new TransformCompleted(runId, 1, Status.FAILED, List.of(),
                new TransformCompleted.DataQuality(0, 0, 1));
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, 0, runId, json(failed)))
                .awaitCompletion();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and status = 'PENDING' and detail like '%SNS alert NOT published%'") != 1
                || !"DOWN".equals(RestAssured.given().get("/q/health/ready").jsonPath()
                        .getString("checks.find { it.name == 'event inbox' }.status"))) {
            if (System.nanoTime() > deadline) {
                fail("the refused alert was not kept PENDING with the inbox stalled on it");
            }
            Thread.sleep(200);
        }

        wireMock.removeStub(wireMock.getStubMappings().stream().filter(m -> m.getPriority() != null
                && m.getPriority() == 1).findFirst().orElseThrow());
        assertEquals("SENT", awaitOutcome(runId, 1, 0));
        assertEquals(1, database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                + "' and status = 'SENT' and detail like '%msg-0001%'"), "published once SNS answered");
        assertEquals(List.of(), TopicProbe.withKey(Topics.DEAD_LETTERS, runId), "nothing dead-lettered");
        RestAssured.given().get("/q/health/ready").then().body("checks.find { it.name == 'event inbox' }.status",
                org.hamcrest.Matchers.is("UP"));
    }
}
