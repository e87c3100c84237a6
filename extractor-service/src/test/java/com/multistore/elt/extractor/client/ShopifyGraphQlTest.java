package com.multistore.elt.extractor.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.multistore.elt.events.EventJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The throttle-aware client against a WireMock Shopify: THROTTLED, 429 with Retry-After and 5xx are retried with
 * backoff and counted; 401 fails at once without the token in the error; retries are bounded; pacing waits for the
 * bucket instead of running into THROTTLED.
 */
class ShopifyGraphQlTest {

    private static final String PATH = "/shops/retail/admin/api/2026-04/graphql.json";
    private static final String TOKEN = "shpat_secret_test_token";
    private static final String OK = """
            {"data":{"shop":{"name":"retail"}},"extensions":{"cost":{"requestedQueryCost":12,"actualQueryCost":10,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}}""";
    private static final String THROTTLED = """
            {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],
            "extensions":{"cost":{"requestedQueryCost":100,"actualQueryCost":null,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":50,"restoreRate":1000.0}}}}""";

    private WireMockServer shopify;
    private SimpleMeterRegistry registry;
    private ShopifyMetrics metrics;
    private ShopifyGraphQl client;

    @BeforeEach
    void start() {
        shopify = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        shopify.start();
        registry = new SimpleMeterRegistry();
        metrics = new ShopifyMetrics(registry);
        client = new ShopifyGraphQl("retail", URI.create(shopify.baseUrl() + PATH), () -> TOKEN,
                HttpClient.newHttpClient(), TestClientSettings.config(3), metrics, EventJson.mapper());
    }

    @AfterEach
    void stop() {
        shopify.stop();
    }

    @Test
    void aThrottledAnswerIsRetriedAfterTheBucketRefills() {
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, THROTTLED)).willSetStateTo("refilled"));
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("t").whenScenarioStateIs("refilled")
                .willReturn(json(200, OK)));

        GraphQlAnswer answer = client.execute("shop", "{ shop { name } }", Map.of());

        assertEquals("retail", answer.data().path("shop").path("name").asText());
        assertEquals(1.0, metrics.throttledCount("retail"));
        assertEquals(1.0, metrics.retries("retail"));
        assertEquals(10.0, metrics.costSpent("retail"));
        shopify.verify(exactly(2), postRequestedFor(urlEqualTo(PATH))
                .withHeader("X-Shopify-Access-Token", equalTo(TOKEN)));
    }

    @Test
    void anAnswerWhoseBodyStallsFailsOnTheReadTimeoutAndIsRetried() {
        // the headers come at once, then the body stops for 4 s in the middle: the request timeout (30 s) is over,
        // only the read timeout (0.8 s) can end the wait
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, OK).withChunkedDribbleDelay(2, 8_000)).willSetStateTo("flowing"));
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("s").whenScenarioStateIs("flowing")
                .willReturn(json(200, OK)));

        GraphQlAnswer answer = client.execute("shop", "{ shop { name } }", Map.of());

        assertEquals("retail", answer.data().path("shop").path("name").asText());
        assertEquals(1.0, metrics.retries("retail"), "the stalled answer was retried once");
        shopify.verify(exactly(2), postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void http429WithRetryAfterAnd503AreRetried() {
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("f").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0.2").withBody("{\"errors\":\"Throttled\"}"))
                .willSetStateTo("503"));
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("f").whenScenarioStateIs("503")
                .willReturn(aResponse().withStatus(503).withBody("<html>unavailable</html>")).willSetStateTo("ok"));
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("f").whenScenarioStateIs("ok").willReturn(json(200, OK)));

        GraphQlAnswer answer = client.execute("shop", "{ shop { name } }", Map.of());

        assertEquals("retail", answer.data().path("shop").path("name").asText());
        assertEquals(2.0, metrics.retries("retail"));
        shopify.verify(exactly(3), postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void anHourLongRetryAfterIsWaitedOnlyUpToTheCap() {
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600").withBody("{\"errors\":\"Throttled\"}"))
                .willSetStateTo("ok"));
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("r").whenScenarioStateIs("ok").willReturn(json(200, OK)));

        assertEquals("retail", client.execute("shop", "{ shop { name } }", Map.of()).data().path("shop").path("name").asText());
        assertEquals(1.0, metrics.retries("retail"));
    }

    @Test
    void internalServerErrorInA200BodyIsRetried() {
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("i").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "{\"errors\":[{\"message\":\"Internal error. Looks like something went wrong on our end.\","
                        + "\"extensions\":{\"code\":\"INTERNAL_SERVER_ERROR\",\"requestId\":\"abc\"}}]}"))
                .willSetStateTo("ok"));
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("i").whenScenarioStateIs("ok").willReturn(json(200, OK)));

        assertEquals("retail", client.execute("shop", "{ shop { name } }", Map.of()).data().path("shop").path("name").asText());
        assertEquals(1.0, metrics.retries("retail"));
    }

    @Test
    void throttledRetriesHaveTheirOwnBound() {
        shopify.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, THROTTLED)));

        ShopifyApiException e = assertThrows(ShopifyApiException.class,
                () -> client.execute("shop", "{ shop { name } }", Map.of()));

        assertEquals("RETRIES_EXHAUSTED", e.code());
        shopify.verify(exactly(6), postRequestedFor(urlEqualTo(PATH)));
        assertEquals(6.0, metrics.throttledCount("retail"));
    }

    @Test
    void unauthorizedFailsAtOnceWithoutTheToken() {
        shopify.stubFor(post(urlEqualTo(PATH)).willReturn(json(401,
                "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));

        ShopifyApiException e = assertThrows(ShopifyApiException.class,
                () -> client.execute("shop", "{ shop { name } }", Map.of()));

        assertEquals("HTTP_401", e.code());
        assertTrue(e.getMessage().contains("Invalid API key"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        shopify.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void retriesAreBoundedThenTheCallFails() {
        shopify.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)));

        ShopifyApiException e = assertThrows(ShopifyApiException.class,
                () -> client.execute("shop", "{ shop { name } }", Map.of()));

        assertEquals("RETRIES_EXHAUSTED", e.code());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        shopify.verify(exactly(4), postRequestedFor(urlEqualTo(PATH)));
        assertEquals(3.0, metrics.retries("retail"));
    }

    @Test
    void pacingWaitsForTheBucketInsteadOfBeingThrottled() {
        shopify.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, """
                {"data":{"shop":{"name":"retail"}},"extensions":{"cost":{"requestedQueryCost":300,"actualQueryCost":300,
                "throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":0,"restoreRate":1000.0}}}}""")));

        client.execute("page", "{ shop { name } }", Map.of());
        client.execute("page", "{ shop { name } }", Map.of());

        assertEquals(1L, metrics.throttleWaits("retail"), "the second call waited for 300 points");
        assertEquals(0.0, metrics.throttledCount("retail"));
    }

    @Test
    void maxCostExceededNamesTheCostForThePager() {
        shopify.stubFor(post(urlEqualTo(PATH)).willReturn(json(200, """
                {"errors":[{"message":"Query cost is 2003, which exceeds the single query max cost limit (1000).",
                "extensions":{"code":"MAX_COST_EXCEEDED","cost":2003,"maxCost":1000}}]}""")));

        QueryCostExceededException e = assertThrows(QueryCostExceededException.class,
                () -> client.execute("page", "{ shop { name } }", Map.of()));

        assertEquals(2003.0, e.cost());
        assertEquals(1000.0, e.maxCost());
    }

    @Test
    void retryAfterIsReadInSeconds() {
        Duration cap = Duration.ofSeconds(60);
        assertEquals(Duration.ofMillis(2000), ShopifyGraphQl.parseRetryAfter("2.0", cap));
        assertEquals(Duration.ofMillis(1000), ShopifyGraphQl.parseRetryAfter("1", cap));
        assertEquals(Duration.ZERO, ShopifyGraphQl.parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", cap));
        assertEquals(Duration.ZERO, ShopifyGraphQl.parseRetryAfter("-5", cap));
        assertEquals(cap, ShopifyGraphQl.parseRetryAfter("86400", cap), "a day-long Retry-After waits the cap");
        assertEquals(cap, ShopifyGraphQl.parseRetryAfter("1e308", cap));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
