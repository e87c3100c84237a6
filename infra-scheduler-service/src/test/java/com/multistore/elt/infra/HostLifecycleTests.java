package com.multistore.elt.infra;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.InstanceEvent;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.infra.service.DailySchedule;
import com.multistore.elt.infra.service.HostHolds;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EC2 start/stop through WireMock, run state from the real broker, postponed stops in the real database. */
@QuarkusTest
class HostLifecycleTests {

    private static final String HOST = "i-0aaa1111bbbb2222c";
    private static final String ADMIN = "Bearer test-admin-token-infra";
    private static final String AWS_SECRET = "aws-secret-NEVER-LOG-ME";
    private static final Path LOG_FILE = Path.of("target", "infra-tests.log");

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    DailySchedule schedule;

    @Inject
    HostHolds holds;

    WireMockServer wireMock;

    @BeforeEach
    void freshStubs() throws Exception {
        wireMock = WireMockResource.server();
        wireMock.resetAll();
        database.execute("delete from ops.infra_pending_stops");
        stubEc2("StartInstances", "<StartInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>req-start</requestId><instancesSet><item><instanceId>" + HOST + "</instanceId>"
                + "<currentState><code>0</code><name>pending</name></currentState>"
                + "<previousState><code>80</code><name>stopped</name></previousState></item></instancesSet>"
                + "</StartInstancesResponse>");
        stubEc2("StopInstances", "<StopInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>req-stop</requestId><instancesSet><item><instanceId>" + HOST + "</instanceId>"
                + "<currentState><code>64</code><name>stopping</name></currentState>"
                + "<previousState><code>16</code><name>running</name></previousState></item></instancesSet>"
                + "</StopInstancesResponse>");
        wireMock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                                + "<MessageId>msg-infra-1</MessageId></PublishResult><ResponseMetadata><RequestId>r"
                                + "</RequestId></ResponseMetadata></PublishResponse>")));
    }

    @Test
    void startCallsStartInstancesAndWaitsUntilRunning() throws Exception {
        describeGoes("pending", "running");

        RestAssured.given().header("Authorization", ADMIN)
                .when().post("/instances/" + HOST + "/start")
                .then().statusCode(200).body("state", is("running")).body("action", is("START"));

        Map<String, String> start = form(ec2Calls("StartInstances").get(0));
        assertEquals("StartInstances", start.get("Action"));
        assertEquals(HOST, start.get("InstanceId.1"));
        List<LoggedRequest> describes = ec2Calls("DescribeInstances");
        assertTrue(describes.size() >= 2, "waited through pending until running");
        assertEquals(HOST, form(describes.get(0)).get("InstanceId.1"));
        awaitEvent(InstanceEvent.Action.START, "running");
    }

    @Test
    void aRunInProgressPostponesTheStopUntilItCompletes() throws Exception {
        String runId = "run-" + Instant.now().toEpochMilli();
        describeGoes("running", "stopped");
        produce(Topics.RUN_STARTED, runId, EventJson.mapper().writeValueAsString(new RunStarted(runId,
                RunTrigger.SCHEDULE, Map.of("retail", LocalDate.parse("2026-11-22")), List.of())));
        awaitCount("select count(*) from ops.infra_run_activity where run_id = '" + runId + "' and finished_at is null", 1);

        RestAssured.given().header("Authorization", ADMIN)
                .when().post("/instances/" + HOST + "/stop")
                .then().statusCode(202).body("action", is("STOP_POSTPONED")).body("runsInProgress[0]", is(runId));
        schedule.scheduledStop();
        schedule.retryPostponedStops();

        assertEquals(0, ec2Calls("StopInstances").size(), "never stopped while the run is in progress");
        awaitEvent(InstanceEvent.Action.STOP_POSTPONED, "running");
        assertEquals(1, database.queryForLong("select count(*) from ops.infra_pending_stops where instance_id = '"
                + HOST + "' and postponements >= 2"));

        produce(Topics.TRANSFORM_COMPLETED, runId, EventJson.mapper().writeValueAsString(new TransformCompleted(runId, 1,
                Status.SUCCEEDED, List.of(), new TransformCompleted.DataQuality(1, 0, 0))));
        awaitCount("select count(*) from ops.infra_run_activity where run_id = '" + runId + "' and finished_at is not null", 1);
        schedule.retryPostponedStops();

        Map<String, String> stop = form(ec2Calls("StopInstances").get(0));
        assertEquals("StopInstances", stop.get("Action"));
        assertEquals(HOST, stop.get("InstanceId.1"));
        assertEquals(0, database.queryForLong("select count(*) from ops.infra_pending_stops"));
        awaitEvent(InstanceEvent.Action.STOP, "stopped");
        assertEquals(0, snsPublishes().size());
    }

    @Test
    void redeliveredRunEventsKeepOneRowAndAFinishedRunDoesNotHoldTheHostAgain() throws Exception {
        String runId = "run-dup-" + Instant.now().toEpochMilli();
        String started = EventJson.mapper().writeValueAsString(new RunStarted(runId, RunTrigger.SCHEDULE,
                Map.of("retail", LocalDate.parse("2026-11-22")), List.of()));
        String completed = EventJson.mapper().writeValueAsString(new TransformCompleted(runId, 1, Status.SUCCEEDED,
                List.of(), new TransformCompleted.DataQuality(1, 0, 0)));
        produce(Topics.RUN_STARTED, runId, started);
        produce(Topics.RUN_STARTED, runId, started);
        awaitCount("select count(*) from ops.infra_run_activity where run_id = '" + runId + "' and finished_at is null", 1);
        produce(Topics.TRANSFORM_COMPLETED, runId, completed);
        awaitCount("select count(*) from ops.infra_run_activity where run_id = '" + runId + "' and finished_at is not null", 1);
        String startedAt = database.queryForString("select started_at::text from ops.infra_run_activity where run_id = '"
                + runId + "'");

        // both events again (a consumer restarted before committing its offsets); then a marker on each topic with the
        // same key (the same partition, so it is handled after the redelivered event)
        produce(Topics.RUN_STARTED, runId, started);
        produce(Topics.TRANSFORM_COMPLETED, runId, completed);
        String markerStarted = runId + "-marker-started";
        String markerCompleted = runId + "-marker-completed";
        produce(Topics.RUN_STARTED, runId, EventJson.mapper().writeValueAsString(new RunStarted(markerStarted,
                RunTrigger.SCHEDULE, Map.of("retail", LocalDate.parse("2026-11-22")), List.of())));
        produce(Topics.TRANSFORM_COMPLETED, runId, EventJson.mapper().writeValueAsString(new TransformCompleted(
                markerCompleted, 1, Status.SUCCEEDED, List.of(), new TransformCompleted.DataQuality(1, 0, 0))));
        awaitCount("select count(*) from ops.infra_run_activity where run_id in ('" + markerStarted + "', '"
                + markerCompleted + "')", 2);

        assertEquals(1, database.queryForLong("select count(*) from ops.infra_run_activity where run_id = '" + runId
                + "' and finished_at is not null"), "one row, still finished");
        assertEquals(startedAt, database.queryForString("select started_at::text from ops.infra_run_activity"
                + " where run_id = '" + runId + "'"), "the redelivered start does not restart the run");
        assertFalse(holds.runsInProgress().contains(runId), "the finished run does not hold the host again");

        // the marker run completes too, so it holds the host for no other test
        produce(Topics.TRANSFORM_COMPLETED, markerStarted, EventJson.mapper().writeValueAsString(new TransformCompleted(
                markerStarted, 1, Status.SUCCEEDED, List.of(), new TransformCompleted.DataQuality(1, 0, 0))));
        awaitCount("select count(*) from ops.infra_run_activity where run_id = '" + markerStarted
                + "' and finished_at is not null", 1);
    }

    @Test
    void aStopPostponedBeyondTheGracePeriodIsForcedAndAlerted() throws Exception {
        String runId = "run-stuck-" + Instant.now().toEpochMilli();
        describeGoes("running", "stopped");
        produce(Topics.RUN_STARTED, runId, EventJson.mapper().writeValueAsString(new RunStarted(runId,
                RunTrigger.MANUAL, Map.of("retail", LocalDate.parse("2026-11-22")), List.of())));
        awaitCount("select count(*) from ops.infra_run_activity where run_id = '" + runId + "'", 1);
        try {
            schedule.scheduledStop();
            assertEquals(0, ec2Calls("StopInstances").size());
            database.execute("update ops.infra_pending_stops set requested_at = now() - interval '2 hours'");

            schedule.retryPostponedStops();

            assertEquals(HOST, form(ec2Calls("StopInstances").get(0)).get("InstanceId.1"));
            List<LoggedRequest> alerts = snsPublishes();
            assertEquals(1, alerts.size());
            Map<String, String> publish = form(alerts.get(0));
            assertEquals("Publish", publish.get("Action"));
            assertEquals("arn:aws:sns:eu-west-1:123456789012:infra-alerts", publish.get("TopicArn"));
            assertTrue(publish.get("Subject").contains("FORCED"), publish.get("Subject"));
            String message = publish.get("Message");
            assertTrue(message.contains(runId) && message.contains(HOST) && message.contains("grace period")
                    && message.contains("ops.etl_run_log"), message);
            awaitEvent(InstanceEvent.Action.STOP_FORCED, "stopped");
        } finally {
            database.execute("update ops.infra_run_activity set finished_at = now() where run_id = '" + runId + "'");
        }
    }

    @Test
    void aRunTheTransformerShowsRunningAlsoHoldsTheHost() throws Exception {
        String runId = "run-table-" + Instant.now().toEpochMilli();
        describeGoes("running", "stopped");
        database.execute("insert into ops.etl_runs (run_id, trigger, business_dates, plan, status)"
                + " values ('" + runId + "', 'SCHEDULE', '{\"retail\": \"2026-11-22\"}', '[]', 'RUNNING')");
        try {
            RestAssured.given().header("Authorization", ADMIN)
                    .when().post("/instances/" + HOST + "/stop")
                    .then().statusCode(202).body("runsInProgress[0]", is(runId));
            assertEquals(0, ec2Calls("StopInstances").size());
        } finally {
            database.execute("update ops.etl_runs set status = 'SUCCEEDED', ended_at = now() where run_id = '" + runId + "'");
        }
        schedule.retryPostponedStops();
        assertEquals(HOST, form(ec2Calls("StopInstances").get(0)).get("InstanceId.1"));
    }

    @Test
    void adminEndpointsAnswer401WithoutTheTokenAndNeverEchoIt() throws Exception {
        for (var call : List.of(
                RestAssured.given().header("Authorization", "Bearer guessed-token").when().get("/instances/" + HOST),
                RestAssured.given().when().post("/instances/" + HOST + "/start"),
                RestAssured.given().header("Authorization", "Bearer guessed-token").when().post("/instances/" + HOST + "/stop"))) {
            String body = call.then().statusCode(401).extract().asString();
            assertFalse(body.contains("guessed-token") || body.contains("test-admin-token-infra") || body.contains(AWS_SECRET));
        }
        wireMock.verify(0, anyRequestedFor(anyUrl()));
        RestAssured.given().header("Authorization", ADMIN).when().post("/instances/i-not-ours/stop")
                .then().statusCode(404);
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void getShowsTheStateEc2Reports() throws Exception {
        describeGoes("stopped", "stopped");
        String body = RestAssured.given().header("Authorization", ADMIN).when().get("/instances/" + HOST)
                .then().statusCode(200).body("instanceId", is(HOST)).body("state", is("stopped"))
                .extract().asString();
        assertEquals("DescribeInstances", form(ec2Calls("DescribeInstances").get(0)).get("Action"));
        assertFalse(body.contains(AWS_SECRET));
        String log = Files.readString(LOG_FILE);
        assertFalse(log.contains(AWS_SECRET), "the AWS secret key was logged");
    }

    private void stubEc2(String action, String xml) {
        wireMock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml)));
    }

    /** DescribeInstances reports {@code first} once, then {@code then}. */
    private void describeGoes(String first, String then) {
        wireMock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances"))
                .inScenario("state").whenScenarioStateIs(STARTED).willSetStateTo("later")
                .willReturn(describe(first)));
        wireMock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances"))
                .inScenario("state").whenScenarioStateIs("later").willReturn(describe(then)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder describe(String state) {
        int code = switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "stopping" -> 64;
            default -> 80;
        };
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                        + "<requestId>req-describe</requestId><reservationSet><item><reservationId>r-1</reservationId>"
                        + "<ownerId>123456789012</ownerId><groupSet/><instancesSet><item><instanceId>" + HOST
                        + "</instanceId><instanceState><code>" + code + "</code><name>" + state + "</name>"
                        + "</instanceState></item></instancesSet></item></reservationSet></DescribeInstancesResponse>");
    }

    private List<LoggedRequest> ec2Calls(String action) {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action)));
    }

    private List<LoggedRequest> snsPublishes() {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish")));
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private void produce(String topic, String key, String value) {
        companion.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion();
    }

    private void awaitCount(String query, long expected) throws Exception {
        database.awaitLong(query, expected, Duration.ofSeconds(120));
    }

    private static void awaitEvent(InstanceEvent.Action action, String state) {
        TopicProbe.await(Topics.INSTANCE_EVENTS, r -> {
            try {
                InstanceEvent e = EventJson.mapper().readValue(r.value(), InstanceEvent.class);
                return HOST.equals(e.instanceId()) && e.action() == action && state.equals(e.state());
            } catch (Exception ex) {
                return false;
            }
        }, 1, Duration.ofSeconds(60));
    }
}
