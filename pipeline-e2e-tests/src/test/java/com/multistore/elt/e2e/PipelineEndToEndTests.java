package com.multistore.elt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.multistore.elt.events.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged pipeline end to end: three simulated shops (retail first, wholesale second, the bakery third), a bulk
 * run and then an incremental one, reconciled against what the simulator serves. One set of processes for the whole
 * class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTests {

    static final List<String> STORES = PipelineChecks.STORES;
    static final int ORDERS_PER_SHOP = 1500;
    static final Duration RUN_BOUND = PipelineChecks.RUN_BOUND;
    static final String POWERBI_REFRESHES = "/powerbi/v1.0/myorg/groups/[^/]+/datasets/[^/]+/refreshes";
    static final String MALFORMED_KEY = "retail/gid://shopify/Order/e2e-malformed-";
    static final int CUSTOMERS_EDITED = 20;

    final RunningPipeline pipeline = new RunningPipeline();
    final PipelineChecks checks = new PipelineChecks(pipeline);
    /** The first (bulk) run: the replay test replays the retail store's business date of it. */
    String firstRun;

    @BeforeAll
    void startPipeline() throws Exception {
        try {
            pipeline.start(ORDERS_PER_SHOP);
        } catch (RuntimeException | Error e) {
            pipeline.stop();
            throw e;
        }
    }

    @AfterAll
    void stopPipeline() {
        pipeline.stop();
    }

    @Test
    @Order(1)
    void firstRunThenIncrementalRunMatchTheShopsExactly() {
        String first = checks.runToTheEnd();
        firstRun = first;
        assertEquals("SUCCEEDED", checks.status(first), () -> "first run: " + checks.runError(first));
        assertEquals(0, pipeline.number("select count(*) from ops.extractor_run_items where run_id = '" + first
                + "' and mode = 'INCREMENTAL' and entity not in ('deletions', 'refunds')"),
                "a first run extracts in bulk (deletions are paged, refund details asked by GID)");
        assertEquals(STORES.size(), pipeline.number("select count(*) from ops.extractor_run_items where run_id = '" + first
                + "' and mode = 'INCREMENTAL' and entity = 'deletions'"), "and pages each store's destroy events");
        checks.assertWarehouseMatchesTheShops(first);
        checks.assertReconciledExactly(first);
        assertTrue(RunningPipeline.await(Duration.ofSeconds(90), () -> pipeline.number(
                "select count(*) from ops.watermarks where entity = 'orders' and run_id = '" + first + "'") == STORES.size()),
                "the orders watermark of each store moves to the first run");
        Map<String, String> before = watermarks();

        // Between the runs the shops change: orders touched and created (one of 300 lines, one of 60 metafields), items
        // returned (a line's current quantity drops below the ordered one), orders refunded in full (the 300-line one too), customers edit their names (every second one also the e-mail, which moves it
        // to another merged customer), and stock moves both ways.
        for (String store : STORES) {
            String shop = pipeline.simulator.url() + "/simulator/shops/" + store;
            pipeline.post(shop + "/orders/touch?count=40", "", false);
            pipeline.post(shop + "/orders?count=10", "", false);
            if (!"bakery".equals(store)) {
                pipeline.post(shop + "/orders/touch?count=8&refund=true", "", false); // returned items: current quantity drops
                // more lines than one page of an order holds, refunded in full: more refunded lines than a refund's
                // details hold in one page
                long wide = pipeline.post(shop + "/orders?lines=300", "", false).path("created").get(0).asLong();
                pipeline.post(shop + "/orders/refund?whole=true&id=" + wide, "", false);
                pipeline.post(shop + "/orders/refund?whole=true&count=2", "", false);
                pipeline.post(shop + "/orders?notes=60", "", false); // more metafields than one page holds
            }
            pipeline.post(shop + "/customers/touch?count=" + CUSTOMERS_EDITED + "&email=true", "", false);
            pipeline.post(shop + "/inventory/adjust?count=15&delta=" + ("wholesale".equals(store) ? 5 : -3), "", false);
        }
        // ... and each shop deletes an order and a customer without orders; retail and wholesale also a product (its
        // variants go with it) and one variant of another product
        for (String store : STORES) {
            String shop = pipeline.simulator.url() + "/simulator/shops/" + store;
            String where = " where store = '" + store + "'";
            if (!"bakery".equals(store)) {
                long product = pipeline.number("select min(product_id) from warehouse.dim_products" + where);
                long variant = pipeline.number("select min(variant_id) from warehouse.dim_product_variants" + where
                        + " and product_id = (select min(product_id) from (select product_id from warehouse.dim_product_variants"
                        + where + " and product_id <> " + product + " group by product_id having count(*) > 1) t)");
                pipeline.delete(shop + "/products/" + product);
                pipeline.delete(shop + "/variants/" + variant);
            }
            pipeline.delete(shop + "/orders/" + pipeline.number("select min(order_id) from warehouse.fact_orders" + where));
            JsonNode withoutOrders = pipeline.get(shop + "/customers/without-orders?count=1").path("customers");
            assertFalse(withoutOrders.isEmpty(), store + " has a customer without orders to delete");
            pipeline.delete(shop + "/customers/" + withoutOrders.get(0).asLong());
        }
        // wholesale's destroy events expire before the next run reads them (Shopify keeps events for a limited
        // time): only the id sweep, due on this second run, can find those deletions
        pipeline.post(pipeline.simulator.url() + "/simulator/shops/wholesale/events/expire", "", false);
        String second = checks.runToTheEnd();
        assertEquals("SUCCEEDED", checks.status(second), () -> "incremental run: " + checks.runError(second));
        assertEquals(STORES.size(), pipeline.number("select count(*) from ops.extractor_run_items where run_id = '"
                + second + "' and entity = 'ids' and mode = 'BULK'"), "each store's first id sweep after its first load");
        for (String store : STORES) {
            assertEquals("INCREMENTAL", pipeline.text("select mode from ops.extractor_run_items where run_id = '" + second
                    + "' and store = '" + store + "' and entity = 'orders'"), store + " orders after a first run");
            long staged = pipeline.number("select count(*) from staging.orders where run_id = '" + second
                    + "' and store = '" + store + "'");
            assertTrue(staged >= 50 && staged < ORDERS_PER_SHOP, store + ": an incremental run stages the 40 touched and"
                    + " 10 new orders (plus the overlap), not the history; staged " + staged);
            assertEquals("INCREMENTAL", pipeline.text("select mode from ops.extractor_run_items where run_id = '" + second
                    + "' and store = '" + store + "' and entity = 'customers'"), store + " customers after a first run");
            long customers = pipeline.number("select count(*) from staging.customers where run_id = '" + second
                    + "' and store = '" + store + "'");
            assertTrue(customers >= CUSTOMERS_EDITED && customers < pipeline.number("select count(*) from"
                    + " warehouse.dim_customer_sources where store = '" + store + "'"), store + ": an incremental run stages"
                    + " the " + CUSTOMERS_EDITED + " edited customers (plus the overlap), not all; staged " + customers);
        }
        checks.assertWarehouseMatchesTheShops(second);
        checks.assertReconciled(second, Map.of("wholesale ids deletions_without_event", "WARN"));
        assertEquals("bakery event 2, retail event 4, wholesale sweep 4", pipeline.text("select string_agg(store || ' '"
                + " || found_by || ' ' || n, ', ' order by store) from (select store, found_by, count(*) as n from"
                + " warehouse.deleted_records group by store, found_by) t"),
                "wholesale's deletions found by the sweep, the others' by their events");
        assertTrue(RunningPipeline.await(Duration.ofSeconds(90), () -> pipeline.number(
                "select count(*) from ops.watermarks where entity = 'orders' and run_id = '" + second + "'") == STORES.size()),
                "the orders watermark of each store moves to the incremental run");
        Map<String, String> after = watermarks();
        assertTrue(RunningPipeline.await(Duration.ofSeconds(90), () -> "SENT".equals(pipeline.text(
                "select status from ops.notifications where kind = 'POWERBI_REFRESH' and run_id = '" + second + "'"))),
                "a succeeded run refreshes Power BI");
        assertFalse(pipeline.stubs.findAll(postRequestedFor(urlPathMatching(POWERBI_REFRESHES))).isEmpty(),
                "Power BI was asked to refresh");
        for (String store : STORES) {
            assertTrue(pipeline.number("select count(*) from ops.watermarks where store = '" + store
                    + "' and entity = 'orders' and watermark > '" + before.get(store) + "'::timestamptz") == 1,
                    store + " orders watermark moved forward: " + before.get(store) + " -> " + after.get(store));
        }
    }

    @Test
    @Order(2)
    void aFailedRunSendsTheAlertAndNoRefresh() {
        pipeline.stubs.resetRequests();
        String faults = pipeline.simulator.url() + "/simulator/shops/wholesale/faults";
        pipeline.post(faults, "{\"bulkFailures\": 20, \"bulkFailAfterObjects\": 10}", false);
        String runId;
        try {
            runId = checks.runToTheEnd("{\"stores\":[\"wholesale\"],\"entities\":[\"orders\"],\"mode\":\"BULK\"}");
        } finally {
            pipeline.delete(faults);
        }
        assertEquals("FAILED", checks.status(runId), "a store whose bulk operations fail fails the run");
        assertTrue(RunningPipeline.await(Duration.ofSeconds(90), () -> "SENT".equals(pipeline.text(
                "select status from ops.notifications where kind = 'SNS_ALERT' and run_id = '" + runId + "'"))),
                () -> "the failed run's alert is recorded as sent; requests no stub answered: "
                        + pipeline.stubs.findAllUnmatchedRequests().stream().map(r -> r.getMethod() + " " + r.getUrl()
                        + " " + r.getHeader("Content-Type") + " " + r.getBodyAsString().substring(0,
                        Math.min(80, r.getBodyAsString().length()))).toList());
        List<LoggedRequest> alerts = pipeline.stubs.findAll(postRequestedFor(urlPathMatching("/(sns/?)?"))
                .withRequestBody(containing("Action=Publish")));
        assertEquals(1, alerts.size(), "one SNS alert");
        assertTrue(alerts.get(0).getBodyAsString().contains(runId), "the alert names the run");
        assertTrue(pipeline.stubs.findAll(postRequestedFor(urlPathMatching(POWERBI_REFRESHES))).isEmpty(),
                "no Power BI refresh for a failed run");
        assertEquals(0, pipeline.number("select count(*) from ops.watermarks where run_id = '" + runId + "'"),
                "a failed run moves no watermark");
    }

    @Test
    @Order(4) // after the replay test: a replay from Kafka of a day with dead letters reports them again and fails
    void malformedRecordsAreDeadLetteredExactlyAndReported() {
        String faults = pipeline.simulator.url() + "/simulator/shops/retail/faults";
        pipeline.post(faults, "{\"bulkPauseMillis\": 3000}", false); // a bulk extraction slow enough to inject into
        String runId;
        try {
            JsonNode answer = pipeline.post(pipeline.service("extractor-service").url() + "/runs",
                    "{\"stores\":[\"retail\"],\"entities\":[\"orders\"],\"mode\":\"BULK\"}", true);
            runId = answer.path("runId").asText(null);
            assertNotNull(runId, "the extractor answers the run id: " + answer);
            String extractedAt = java.time.Instant.now().toString();
            String head = "{\"runId\":\"" + runId + "\",\"store\":\"retail\",";
            List<Map.Entry<String, byte[]>> malformed = List.of(
                    Map.entry(MALFORMED_KEY + 1, (head + "\"entity\":\"orders\",\"extractedAt\":\"" + extractedAt
                            + "\",\"payload\":{\"id\":\"x\"}}").getBytes(StandardCharsets.UTF_8)),          // no gid
                    Map.entry(MALFORMED_KEY + 2, (head + "\"entity\":\"orders\",\"gid\":\"gid://shopify/Order/2\","
                            + "\"extractedAt\":\"" + extractedAt + "\"}").getBytes(StandardCharsets.UTF_8)),    // no payload
                    Map.entry(MALFORMED_KEY + 3, (head + "\"entity\":\"orders\",\"gid\":\"gid://shopify/Order/3\","
                            + "\"payload\":{}}").getBytes(StandardCharsets.UTF_8)));                        // no extractedAt
            TopicContent.send(pipeline.bootstrap, "shopify.orders.raw", malformed);
            String id = runId;
            assertTrue(RunningPipeline.await(RUN_BOUND, () -> List.of("SUCCEEDED", "FAILED").contains(checks.status(id))),
                    () -> "run " + id + " did not end: " + checks.status(id));
        } finally {
            pipeline.delete(faults);
        }
        List<ConsumerRecord<String, byte[]>> dead = TopicContent.all(pipeline.bootstrap, "etl.dlq").stream()
                .filter(r -> r.key() != null && r.key().startsWith(MALFORMED_KEY)).toList();
        assertEquals(3, dead.size(), "each injected record dead-lettered exactly once");
        for (ConsumerRecord<String, byte[]> r : dead) {
            assertEquals(runId, header(r, DeadLetterHeaders.RUN_ID), "the dead letter names the run");
            assertEquals("shopify.orders.raw", header(r, DeadLetterHeaders.SOURCE_TOPIC), "and where it came from");
        }
        String id = runId;
        List<JsonNode> loads = TopicContent.all(pipeline.bootstrap, "etl.load.completed").stream()
                .map(r -> RunningPipeline.json(r.value())).filter(e -> id.equals(e.path("runId").asText())
                        && "orders".equals(e.path("entity").asText())).toList();
        assertEquals(1, loads.size(), "one load completion for the run's retail orders: " + loads);
        assertEquals(3, loads.get(0).path("deadLetteredCount").asLong(), "the run reports its dead letters: " + loads);
        assertEquals(ShopTruth.read(pipeline, "retail").counts.get("orders").get("count").asLong(),
                loads.get(0).path("stagedCount").asLong(),
                "every order of the shop staged besides: " + loads);
        assertEquals(3, loads.get(0).path("deadLetterReasons").size(), "and says why: " + loads);

        // records lost on the way fail the run (dead_letters.orders is an error), its alert names them, and the
        // watermark stays, so the next run extracts them again
        assertEquals("FAILED", checks.status(id), "a run with dead letters does not succeed");
        assertEquals("FAILED 3", pipeline.text("select status || ' ' || observed from ops.dq_results where run_id = '"
                + id + "' and check_name = 'dead_letters.orders'"));
        assertTrue(RunningPipeline.await(Duration.ofSeconds(90), () -> "SENT".equals(pipeline.text(
                "select status from ops.notifications where kind = 'SNS_ALERT' and run_id = '" + id + "'"))),
                "the run's alert is sent");
        String alert = pipeline.stubs.findAll(postRequestedFor(urlPathMatching("/(sns/?)?"))
                .withRequestBody(containing("Action=Publish"))).stream().map(LoggedRequest::getBodyAsString)
                .map(b -> java.net.URLDecoder.decode(b, StandardCharsets.UTF_8))
                .filter(b -> b.contains(id)).findFirst().orElseThrow();
        assertTrue(alert.contains("Dead letters: 3 record(s)") && alert.contains("orders@retail: 3")
                && alert.contains("missing gid"), alert);
        assertEquals(0, pipeline.number("select count(*) from ops.watermarks where run_id = '" + id + "'"),
                "a run with dead letters moves no watermark");

        // nothing fixes a record without a gid: a redrive stages none of them and sends each to etl.dlq once more
        JsonNode redrive = pipeline.post(pipeline.service("loader-service").url() + "/dead-letters/redrive",
                "{\"runId\":\"" + id + "\"}", true);
        assertEquals(0, redrive.path("redriven").asInt(), "redrive: " + redrive);
        assertEquals(3, redrive.path("failedAgain").asInt(), "redrive: " + redrive);
        assertTrue(RunningPipeline.await(Duration.ofSeconds(60), () -> TopicContent.all(pipeline.bootstrap, "etl.dlq")
                .stream().filter(r -> r.key() != null && r.key().startsWith(MALFORMED_KEY)).count() == 6),
                "each of the three dead-lettered once more");
    }

    @Test
    @Order(3)
    void replayingADayFromKafkaOrFromTheArchiveLeavesTheWarehouseIdentical() {
        Map<String, String> before = checks.checksums();
        assertNotNull(firstRun, "the first run ran");
        String day = pipeline.text("select business_dates ->> 'retail' from ops.etl_runs where run_id = '" + firstRun + "'");
        for (String source : List.of("kafka", "archive")) {
            String runId = checks.replayToTheEnd(day, "retail", source);
            assertTrue(pipeline.number("select count(*) from staging.orders where run_id = '" + runId + "'") > 0,
                    "the replay staged the day's orders from " + source);
            assertEquals(before, checks.checksums(), "warehouse content after replaying " + day + " from " + source);
        }
    }

    @Test
    @Order(5)
    void aLoaderKilledMidRunLosesAndDuplicatesNothing() {
        String faults = pipeline.simulator.url() + "/simulator/shops/retail/faults";
        pipeline.post(faults, "{\"bulkPauseMillis\": 3000}", false);
        String id;
        try {
            id = checks.startAndAwaitFirstOrders("{\"stores\":[\"retail\"],\"entities\":[\"orders\"],\"mode\":\"BULK\"}");
            pipeline.service("loader-service").kill();
            long stagedAtKill = pipeline.number("select count(*) from staging.orders where run_id = '" + id + "'");
            assertEquals(0, pipeline.number("select count(*) from ops.loader_loads where run_id = '" + id + "'"),
                    "killed in the middle of the run (" + stagedAtKill + " orders staged), before its load was declared");
            pipeline.restart("loader-service");
            checks.awaitEnd(id, "after the loader's restart");
        } finally {
            pipeline.delete(faults);
        }
        assertEquals("SUCCEEDED", checks.status(id), () -> "run with a killed loader: " + checks.runError(id));
        long orders = checks.assertEveryOrderStagedOnce("retail", id);
        long extracted = pipeline.number("select records from ops.extractor_run_items where run_id = '" + id
                + "' and store = 'retail' and entity = 'orders'");
        assertEquals(orders, extracted, "the extractor published every order once");
        List<JsonNode> loads = TopicContent.all(pipeline.bootstrap, "etl.load.completed").stream()
                .map(r -> RunningPipeline.json(r.value())).filter(e -> id.equals(e.path("runId").asText())
                        && "orders".equals(e.path("entity").asText())).toList();
        assertEquals(1, loads.size(), "one load completion: " + loads);
        assertEquals(orders, loads.get(0).path("stagedCount").asLong(), "the load reports every order: " + loads);
        assertEquals(orders, pipeline.number("select count(*) from warehouse.fact_orders where store = 'retail'"
                + " and deleted_at is null"), "the warehouse has every order once (the one deleted stays, flagged)");
    }

    @Test
    @Order(6)
    void shopify5xxAnswersAndAMergeJobFailingOnceAreRetriedAndTheRunSucceeds() {
        String faults = pipeline.simulator.url() + "/simulator/shops/retail/faults";
        double retriesBefore = shopifyRetries("retail");
        pipeline.post(pipeline.simulator.url() + "/simulator/shops/retail/orders/touch?count=5", "", false);
        // The order lines merge fails on its first try only: a statement trigger raising while a sequence (which no
        // rollback resets) is at 1. The merge job is retried 3 s later and must then succeed.
        pipeline.execute("create sequence warehouse.e2e_fail_once;"
                + " create function warehouse.e2e_fail_once() returns trigger language plpgsql as $$ begin"
                + " if nextval('warehouse.e2e_fail_once') = 1 then raise exception 'e2e: injected failure of a merge job';"
                + " end if; return null; end $$;"
                + " create trigger e2e_fail_once before insert on warehouse.fact_order_lines for each statement"
                + " execute function warehouse.e2e_fail_once();");
        String runId;
        try {
            pipeline.post(faults, "{\"http500\": 2}", false); // two 500s, within the extractor's 2 retries
            runId = checks.runToTheEnd("{\"stores\":[\"retail\"]}");
        } finally {
            pipeline.delete(faults);
            pipeline.execute("drop trigger if exists e2e_fail_once on warehouse.fact_order_lines;"
                    + " drop function if exists warehouse.e2e_fail_once(); drop sequence if exists warehouse.e2e_fail_once;");
        }
        assertEquals("SUCCEEDED", checks.status(runId), () -> "run with transient failures: " + checks.runError(runId));
        assertTrue(shopifyRetries("retail") >= retriesBefore + 2, "the extractor retried the two 500 answers: "
                + retriesBefore + " -> " + shopifyRetries("retail"));
        String job = pipeline.text("select job from ops.etl_run_log where run_id = '" + runId
                + "' and job like '%fact_order_lines%'");
        assertNotNull(job, "the run has an order lines job");
        assertEquals("SUCCEEDED 2", pipeline.text("select status || ' ' || attempts from ops.etl_run_log where run_id = '"
                + runId + "' and job = '" + job + "'"), "the job failed once and succeeded on its second try");
        List<JsonNode> completed = TopicContent.all(pipeline.bootstrap, "etl.transform.completed").stream()
                .map(r -> RunningPipeline.json(r.value())).filter(e -> runId.equals(e.path("runId").asText())).toList();
        assertEquals(1, completed.size(), "one transform completion: " + completed);
        JsonNode reported = null;
        for (JsonNode j : completed.get(0).path("jobs")) {
            reported = job.equals(j.path("name").asText()) ? j : reported;
        }
        assertNotNull(reported, "the completion lists the job: " + completed.get(0));
        assertEquals(2, reported.path("attempts").asInt(), "and reports its two tries: " + reported);
        assertTrue(RunningPipeline.await(Duration.ofSeconds(90), () -> "SENT".equals(pipeline.text(
                "select status from ops.notifications where kind = 'POWERBI_REFRESH' and run_id = '" + runId + "'"))),
                "the run that recovered refreshes Power BI");
        assertEquals(ShopTruth.read(pipeline, "retail").counts.get("orders").get("lineItems").asLong(),
                pipeline.number("select count(*) from warehouse.fact_order_lines where store = 'retail' and order_id in"
                        + " (select order_id from warehouse.fact_orders where store = 'retail' and deleted_at is null)"),
                "the retried merge left every line once");
    }

    @Test
    @Order(7)
    void aTransformerKilledAfterRecordingAnOutcomeAndBeforePublishingItNotifiesOnceAfterItsRestart() {
        // The relay held (pipeline.outbox.relay=false): the outcome and its event commit, the event is not sent; the
        // process is then killed, which is a crash between the commit and the send.
        pipeline.service("transformer-service").kill();
        pipeline.restart("transformer-service", "-Dpipeline.outbox.relay=false");
        pipeline.post(pipeline.simulator.url() + "/simulator/shops/retail/orders/touch?count=5", "", false);
        pipeline.stubs.resetRequests();
        String runId = checks.runToTheEnd("{\"stores\":[\"retail\"]}");
        assertEquals("SUCCEEDED", checks.status(runId), () -> "run: " + checks.runError(runId));
        assertEquals(1, pipeline.number("select count(*) from ops.outbox where topic = 'etl.transform.completed'"
                + " and event_key = '" + runId + "' and published_at is null"), "the outcome's event waits in the outbox");
        RunningPipeline.pause(3, TimeUnit.SECONDS);
        assertEquals(0, completions(runId).size(), "nothing published before the crash");
        assertEquals(0, pipeline.number("select count(*) from ops.notifications where run_id = '" + runId + "'"),
                "nothing notified before the crash");
        pipeline.service("transformer-service").kill();

        pipeline.restart("transformer-service");

        assertTrue(RunningPipeline.await(Duration.ofSeconds(90), () -> "SENT".equals(pipeline.text(
                "select status from ops.notifications where kind = 'POWERBI_REFRESH' and run_id = '" + runId + "'"))),
                "after the restart the run refreshes Power BI");
        int refreshes = pipeline.stubs.findAll(postRequestedFor(urlPathMatching(POWERBI_REFRESHES))).size();
        assertTrue(refreshes > 0, "Power BI was asked to refresh");
        RunningPipeline.pause(5, TimeUnit.SECONDS);
        assertEquals(1, completions(runId).size(), "the outcome is published once");
        assertEquals(refreshes, pipeline.stubs.findAll(postRequestedFor(urlPathMatching(POWERBI_REFRESHES))).size(),
                "and notified once");
        assertEquals(1, pipeline.number("select count(*) from ops.notifications where run_id = '" + runId + "'"),
                "one notification of the run");
        assertTrue(RunningPipeline.await(Duration.ofSeconds(60), () -> pipeline.number("select count(*) from"
                + " ops.watermarks where entity = 'orders' and store = 'retail' and run_id = '" + runId + "'") == 1),
                "the run's watermark moves once its outcome is published");
    }

    @Test
    @Order(8)
    void aNotifierKilledAfterPowerBiTookARefreshAndBeforeItWasRecordedAsksForNoSecondOne() {
        // "Power BI" takes the refresh request at once, but its answer takes 30 s: the notifier is killed meanwhile
        StubMapping slow = pipeline.stubs.stubFor(post(urlPathMatching(POWERBI_REFRESHES)).atPriority(1)
                .willReturn(aResponse().withStatus(202).withHeader("RequestId", "e2e-slow").withFixedDelay(30_000)));
        String runId;
        try {
            pipeline.post(pipeline.simulator.url() + "/simulator/shops/retail/orders/touch?count=5", "", false);
            pipeline.stubs.resetRequests();
            runId = checks.runToTheEnd("{\"stores\":[\"retail\"]}");
            String id = runId;
            assertEquals("SUCCEEDED", checks.status(id), () -> "run: " + checks.runError(id));
            assertTrue(RunningPipeline.await(Duration.ofSeconds(90), () -> "ASKING".equals(pipeline.text(
                    "select datasets -> 'sales' ->> 'state' from ops.notifications where run_id = '" + id + "'"))),
                    "the notifier is asking Power BI for the refresh");
            assertTrue(RunningPipeline.await(Duration.ofSeconds(10), () -> !pipeline.stubs.findAll(
                    postRequestedFor(urlPathMatching(POWERBI_REFRESHES))).isEmpty()), "Power BI has the request");
            pipeline.service("notifier-service").kill();
        } finally {
            pipeline.stubs.removeStub(slow);
        }
        String id = runId;

        pipeline.restart("notifier-service");

        assertTrue(RunningPipeline.await(Duration.ofSeconds(120), () -> "SENT".equals(pipeline.text(
                "select status from ops.notifications where kind = 'POWERBI_REFRESH' and run_id = '" + id + "'"))),
                () -> "the send is resumed after the restart: " + pipeline.text("select status || ' ' || datasets::text"
                        + " from ops.notifications where run_id = '" + id + "'"));
        assertEquals(1, pipeline.stubs.findAll(postRequestedFor(urlPathMatching(POWERBI_REFRESHES))).size(),
                "the refresh Power BI took is found in its history, not asked for again");
        assertEquals("COMPLETED", pipeline.text("select datasets -> 'sales' ->> 'state' from ops.notifications"
                + " where run_id = '" + id + "'"));
    }

    @Test
    @Order(9)
    void aBrokerStoppedAndRestartedInTheMiddleOfARunLeavesTheSameWarehouseAsAnUndisturbedRun() throws Exception {
        String faults = pipeline.simulator.url() + "/simulator/shops/retail/faults";
        pipeline.post(pipeline.simulator.url() + "/simulator/shops/retail/orders/touch?count=30", "", false);
        pipeline.post(pipeline.simulator.url() + "/simulator/shops/retail/orders?count=5", "", false);
        pipeline.post(faults, "{\"bulkPauseMillis\": 3000}", false); // a bulk extraction slow enough to cut into
        String id;
        try {
            id = checks.startAndAwaitFirstOrders("{\"stores\":[\"retail\"],\"mode\":\"BULK\"}");
            // the broker goes away in the middle of the run, for longer than a client's request timeout
            pipeline.restartBroker(Duration.ofSeconds(20));
            checks.awaitEnd(id, "after the broker came back");
        } finally {
            pipeline.delete(faults);
        }
        assertEquals("SUCCEEDED", checks.status(id), () -> "run through a broker outage: " + checks.runError(id));
        checks.assertEveryOrderStagedOnce("retail", id);
        checks.assertWarehouseMatchesTheShops(id);
        assertEquals(1, completions(id).size(), "one transform completion");
    }

    private List<JsonNode> completions(String runId) {
        return TopicContent.all(pipeline.bootstrap, "etl.transform.completed").stream()
                .map(r -> RunningPipeline.json(r.value())).filter(e -> runId.equals(e.path("runId").asText())).toList();
    }

    private double shopifyRetries(String store) {
        double sum = 0;
        for (String line : pipeline.getText(pipeline.service("extractor-service").url() + "/q/metrics").split("\n")) {
            if (line.startsWith("shopify_retries_total{") && line.contains("store=\"" + store + "\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Test
    @Order(10)
    void noSecretAppearsInAnyLog() throws Exception {
        List<java.nio.file.Path> logs = new java.util.ArrayList<>();
        pipeline.services.values().forEach(s -> logs.add(s.log));
        logs.add(pipeline.simulator.log);
        for (java.nio.file.Path log : logs) {
            String text = java.nio.file.Files.readString(log);
            assertTrue(text.contains("started in"), log + " is the captured output of a started service");
            for (String secret : pipeline.secrets()) {
                assertFalse(text.contains(secret), log.getFileName() + " contains a secret ("
                        + secret.substring(0, secret.indexOf('_')) + "...)");
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Map<String, String> watermarks() {
        Map<String, String> result = new HashMap<>();
        for (String store : STORES) {
            result.put(store, pipeline.text("select watermark::text from ops.watermarks where store = '" + store
                    + "' and entity = 'orders'"));
        }
        return result;
    }
}
