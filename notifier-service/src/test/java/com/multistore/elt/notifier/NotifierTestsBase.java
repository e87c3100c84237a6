package com.multistore.elt.notifier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.notifier.service.PowerBiAccessToken;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared set-up of the notifier's tests: WireMock answers like Azure AD, Power BI and SNS do; events go through the
 * real broker; outcomes are read from the real database.
 */
abstract class NotifierTestsBase {

    static final String TOKEN_PATH = "/tenant-42/oauth2/v2.0/token";
    static final String ACCESS_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi.test-access-token.signature";
    static final String CLIENT_SECRET = "s3cr3t-NEVER-LOG-ME";
    static final String AWS_SECRET = "aws-secret-NEVER-LOG-ME";
    static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:etl-alerts";
    static final String SALES = "/v1.0/myorg/groups/group-sales-1/datasets/dataset-sales-1/refreshes";
    static final Path LOG_FILE = Path.of("target", "notifier-tests.log");
    static final String STOCK = "/v1.0/myorg/groups/group-sales-1/datasets/dataset-stock-2/refreshes";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    PowerBiAccessToken token;

    WireMockServer wireMock;

    @BeforeEach
    void freshStubs() {
        wireMock = WireMockResource.server();
        wireMock.resetAll();
        token.invalidate();
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + ACCESS_TOKEN + "\"}")));
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>msg-0001</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId>"
                        + "</ResponseMetadata></PublishResponse>")));
    }

    /** Power BI accepts the refresh (RequestId header), reports it Unknown once, then Completed. */
    void refreshCompletes(String path, String requestId) {
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(202).withHeader("RequestId", requestId)));
        String scenario = "poll " + path;
        wireMock.stubFor(get(urlPathEqualTo(path)).withQueryParam("$top", equalTo("1"))
                .inScenario(scenario).whenScenarioStateIs(STARTED).willSetStateTo("done")
                .willReturn(history(requestId, "Unknown")));
        wireMock.stubFor(get(urlPathEqualTo(path)).withQueryParam("$top", equalTo("1"))
                .inScenario(scenario).whenScenarioStateIs("done")
                .willReturn(history(requestId, "Completed")));
        // the history read before asking again: only an older refresh, so the ask was not taken
        wireMock.stubFor(get(urlPathEqualTo(path)).withQueryParam("$top", equalTo("5"))
                .willReturn(history("req-yesterday", "Completed")));
    }

    /** The refresh history (read before asking again) holds a refresh started now: an ask Power BI took. */
    void historyHasARefreshStartedNow(String path, String requestId) {
        wireMock.stubFor(get(urlPathEqualTo(path)).withQueryParam("$top", equalTo("5"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"value\":[{\"requestId\":\"" + requestId + "\",\"id\":2,\"refreshType\":\"ViaApi\","
                                + "\"startTime\":\"" + Instant.now() + "\",\"status\":\"Unknown\"},"
                                + "{\"requestId\":\"req-yesterday\",\"id\":1,\"refreshType\":\"ViaApi\","
                                + "\"startTime\":\"2026-11-22T12:00:00Z\",\"status\":\"Completed\"}]}")));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder history(String requestId, String status) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"value\":[{\"requestId\":\"" + requestId + "\",\"id\":1,\"refreshType\":\"ViaApi\","
                        + "\"startTime\":\"2026-11-22T12:00:00Z\",\"status\":\"" + status + "\"}]}");
    }

    static TransformCompleted succeeded(String runId) {
        return new TransformCompleted(runId, 1, Status.SUCCEEDED,
                List.of(new TransformCompleted.JobResult("merge_orders", Status.SUCCEEDED, 120, 1, 800, null)),
                new TransformCompleted.DataQuality(9, 1, 0));
    }

    /** Sends the events (all to partition 0, in order) and waits until the notifier has consumed them. */
    void deliver(String runId, TransformCompleted... events) throws Exception {
        List<ProducerRecord<String, String>> records = Arrays.stream(events)
                .map(e -> new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, 0, runId, json(e))).toList();
        var task = companion.produceStrings().fromRecords(records).awaitCompletion();
        long last = task.byTopicPartition().get(new TopicPartition(Topics.TRANSFORM_COMPLETED, 0)).stream()
                .mapToLong(r -> r.offset()).max().orElseThrow();
        awaitCommitted(new TopicPartition(Topics.TRANSFORM_COMPLETED, 0), last + 1);
    }

    /** Waits until the notifier's consumer group committed at least {@code offset} (every record before it handled). */
    static void awaitCommitted(TopicPartition partition, long offset) throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                var committed = admin.listConsumerGroupOffsets("notifier-service").partitionsToOffsetAndMetadata().get()
                        .get(partition);
                if (committed != null && committed.offset() >= offset) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        fail("the notifier did not commit " + partition + " up to " + offset + " within 120 s");
    }

    /** Waits for a send of a run attempt to leave PENDING; returns its status. */
    String awaitOutcome(String runId, int attempt, int sendNo) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                    + "' and attempt = " + attempt + " and send_no = " + sendNo + " and status <> 'PENDING'") == 1) {
                for (String s : List.of("SENT", "FAILED", "SKIPPED")) {
                    if (database.queryForLong("select count(*) from ops.notifications where run_id = '" + runId
                            + "' and attempt = " + attempt + " and send_no = " + sendNo + " and status = '" + s + "'") == 1) {
                        return s;
                    }
                }
            }
            Thread.sleep(100);
        }
        fail("run " + runId + " attempt " + attempt + " send " + sendNo + " still not notified after 120 s");
        return null;
    }

    List<LoggedRequest> snsPublishes() {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/")));
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** Neither the log file of this test run nor {@code text} holds a credential. */
    static void assertNoSecrets(String text) throws Exception {
        if (!Files.exists(LOG_FILE)) {
            fail("the test log " + LOG_FILE + " is missing: the check would prove nothing");
        }
        String log = Files.readString(LOG_FILE);
        for (String secret : List.of(CLIENT_SECRET, ACCESS_TOKEN, AWS_SECRET)) {
            assertFalse(log.contains(secret), "a secret was logged");
            assertFalse(text != null && text.contains(secret), "a secret left the service");
        }
    }

    static String json(TransformCompleted event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String joined(List<LoggedRequest> requests) {
        return requests.stream().map(LoggedRequest::getBodyAsString).collect(Collectors.joining("\n"));
    }
}
