package com.multistore.elt.extractor.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.extractor.client.EntityQueries;
import com.multistore.elt.extractor.client.ShopifyApiException;
import com.multistore.elt.extractor.client.ShopifyGraphQl;
import com.multistore.elt.extractor.client.ShopifyMetrics;
import com.multistore.elt.extractor.client.TestClientSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The refunds' follow-up query against a WireMock Shopify that answers in the real shapes: a batch refused as too
 * expensive shrinks and stays shrunk, a refund whose lines take more than one page is completed before it is
 * published (without the paging state), a refund that answers null is counted gone, and an answer that does not
 * match the ids asked is an error, never a silent skip.
 */
class RefundDetailsTest {

    private static final String PATH = "/shops/retail/admin/api/2026-04/graphql.json";
    private static final String COST = """
            "extensions":{"cost":{"requestedQueryCost":500,"actualQueryCost":40,
            "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}""";

    private WireMockServer shopify;
    private ShopifyGraphQl client;
    private final EntityQueries queries = EntityQueries.of(Entity.REFUNDS);

    @BeforeEach
    void start() {
        shopify = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        shopify.start();
        client = new ShopifyGraphQl("retail", URI.create(shopify.baseUrl() + PATH), () -> "shpat_test",
                HttpClient.newHttpClient(), TestClientSettings.config(1), new ShopifyMetrics(new SimpleMeterRegistry()), EventJson.mapper());
    }

    @AfterEach
    void stop() {
        shopify.stop();
    }

    @Test
    void aTooExpensiveBatchShrinksAndRefundsArePublishedWholeAndTheGoneCounted() {
        // three refunds, a batch of 3 refused (cost 1500 of 1000), then batches of 2: [1, 2] and [3]
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("cost").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("RefundDetails"))
                .willReturn(json("""
                        {"errors":[{"message":"Query cost is 1500, which exceeds the single query max cost limit (1000).",
                        "extensions":{"code":"MAX_COST_EXCEEDED","cost":1500,"maxCost":1000}}]}"""))
                .willSetStateTo("fits"));
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("cost").whenScenarioStateIs("fits")
                .withRequestBody(matchingJsonPath("$.variables.ids[0]", containing("Refund/1")))
                .willReturn(json("{\"data\":{\"nodes\":[" + refund(1, "{\"hasNextPage\":true,\"endCursor\":\"c1\"}")
                        + ",null]}," + COST + "}")));
        shopify.stubFor(post(urlEqualTo(PATH)).inScenario("cost").whenScenarioStateIs("fits")
                .withRequestBody(matchingJsonPath("$.variables.ids[0]", containing("Refund/3")))
                .willReturn(json("{\"data\":{\"nodes\":[" + refund(3, "{\"hasNextPage\":false,\"endCursor\":null}")
                        + "]}," + COST + "}")));
        shopify.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("RefundLineItems"))
                .withRequestBody(matchingJsonPath("$.variables.after", containing("c1")))
                .willReturn(json("{\"data\":{\"owner\":{\"children\":{\"nodes\":[" + line(12)
                        + "],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"c2\"}}}}," + COST + "}")));

        List<ObjectNode> published = new ArrayList<>();
        long gone = RefundDetails.run(client, queries, List.of(gid(1), gid(2), gid(3)), 3, 1, "run-test",
                published::add);

        assertEquals(1, gone, "refund 2 answered null: its order was deleted since");
        assertEquals(List.of(gid(1), gid(3)), published.stream().map(n -> n.path("id").asText()).toList());
        ObjectNode first = published.get(0);
        assertEquals(2, first.path("refundLineItems").path("nodes").size(), "the second page of lines appended");
        assertEquals("gid://shopify/LineItem/12",
                first.path("refundLineItems").path("nodes").get(1).path("lineItem").path("id").asText());
        assertFalse(first.path("refundLineItems").has("pageInfo"), "no paging state in the payload");
        shopify.verify(3, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("RefundDetails")));
        shopify.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.variables.ids.length()", containing("2"))));
    }

    @Test
    void anAnswerForAnotherRefundThanAskedIsAnError() {
        shopify.stubFor(post(urlEqualTo(PATH)).willReturn(json("{\"data\":{\"nodes\":["
                + refund(9, "{\"hasNextPage\":false,\"endCursor\":null}") + "]}," + COST + "}")));

        ShopifyApiException e = assertThrows(ShopifyApiException.class, () -> RefundDetails.run(client, queries,
                List.of(gid(1)), 50, 1, "run-test", n -> { }));

        assertTrue(e.getMessage().contains("asked " + gid(1) + ", answered " + gid(9)), e.getMessage());
    }

    private static String gid(long id) {
        return "gid://shopify/Refund/" + id;
    }

    private static String line(long lineItem) {
        return "{\"id\":\"gid://shopify/RefundLineItem/" + (100 + lineItem) + "\",\"quantity\":1,\"restockType\":\"RETURN\","
                + "\"restocked\":true,\"lineItem\":{\"id\":\"gid://shopify/LineItem/" + lineItem + "\"},\"location\":null,"
                + "\"priceSet\":" + money("5.0") + ",\"subtotalSet\":" + money("5.0") + ",\"totalTaxSet\":" + money("0.0") + "}";
    }

    private static String refund(long id, String linesPageInfo) {
        String empty = "{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}";
        return "{\"id\":\"" + gid(id) + "\",\"legacyResourceId\":\"" + id + "\",\"createdAt\":\"2026-11-21T10:00:00Z\","
                + "\"processedAt\":\"2026-11-21T10:00:00Z\",\"updatedAt\":\"2026-11-21T10:00:00Z\",\"note\":null,"
                + "\"order\":{\"id\":\"gid://shopify/Order/7\",\"legacyResourceId\":\"7\"},\"totalRefundedSet\":"
                + money("10.0") + ",\"refundLineItems\":{\"nodes\":[" + line(11) + "],\"pageInfo\":" + linesPageInfo
                + "},\"refundShippingLines\":" + empty + ",\"orderAdjustments\":" + empty + ",\"transactions\":" + empty + "}";
    }

    private static String money(String amount) {
        return "{\"shopMoney\":{\"amount\":\"" + amount + "\",\"currencyCode\":\"USD\"},"
                + "\"presentmentMoney\":{\"amount\":\"" + amount + "\",\"currencyCode\":\"USD\"}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
