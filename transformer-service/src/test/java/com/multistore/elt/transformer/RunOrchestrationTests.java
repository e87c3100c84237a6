package com.multistore.elt.transformer;

import com.multistore.elt.events.DeadLetterHeaders;
import com.multistore.elt.events.DeadLetterReason;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractObservation;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.events.TransformCompleted.JobResult;
import com.multistore.elt.testing.TopicProbe;
import com.multistore.elt.transformer.service.InterruptedRunsResume;
import com.multistore.elt.transformer.service.RunContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.multistore.elt.transformer.Staging.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The run's life on the real broker and database: barrier, retries and run log, data quality, the one event. */
@QuarkusTest
class RunOrchestrationTests extends TransformTestsBase {

    @Inject
    InterruptedRunsResume resume;

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 11, 22);
    private static final Map<String, LocalDate> BUSINESS_DATES = Map.of("retail", BUSINESS_DATE, "wholesale", BUSINESS_DATE);
    private static final String BUSINESS_DATES_JSON = "{\"retail\": \"" + BUSINESS_DATE + "\", \"wholesale\": \""
            + BUSINESS_DATE + "\"}";

    @Test
    void aRunMergesOnceEveryPlannedLoadIsInAndPublishesOneEvent() throws Exception {
        String runId = newRunId();
        long customerId = Staging.nextId();
        long orderId = Staging.nextId();
        stage(database, "customers", runId, "retail", Staging.customer(customerId, "e2e+" + runId + "@example.com", "Eve",
                "2026-11-21T10:00:00Z"));
        stage(database, "orders", runId, "retail", Staging.order(orderId, "2026-11-21T11:00:00Z", "PAID", customerId));

        RunStarted started = new RunStarted(runId, RunTrigger.SCHEDULE, BUSINESS_DATES, List.of(
                new RunStarted.PlanItem("retail", Entity.CUSTOMERS, ExtractMode.INCREMENTAL),
                new RunStarted.PlanItem("retail", Entity.ORDERS, ExtractMode.INCREMENTAL)));
        EventSender.send(Topics.RUN_STARTED, runId, started);
        EventSender.send(Topics.RUN_STARTED, runId, started);
        LoadCompleted orders = new LoadCompleted(runId, "retail", Entity.ORDERS, Status.SUCCEEDED, 1, 0, null, null);
        EventSender.send(Topics.LOAD_COMPLETED, runId, orders);
        EventSender.send(Topics.LOAD_COMPLETED, runId, orders);
        EventSender.send(Topics.LOAD_COMPLETED, runId,
                new LoadCompleted(runId, "retail", Entity.CUSTOMERS, Status.SUCCEEDED, 1, 0, null, null));

        TransformCompleted event = awaitEvent(runId);
        assertEquals(Status.SUCCEEDED, event.status());
        assertEquals(1, event.attempt());
        assertEquals(18, event.jobs().size(), "15 merge jobs, the reconciliation, the data-quality checks, the declared tests");
        assertEquals("deletions", event.jobs().get(0).name());
        assertEquals("dim_customers", event.jobs().get(1).name());
        assertEquals("fact_refund_lines", event.jobs().get(9).name(), "a refund's details after its refund and transactions");
        assertEquals("reconciliation", event.jobs().get(15).name());
        assertEquals("declared_tests.shopify", event.jobs().get(16).name());
        assertTrue(event.jobs().get(16).rows() > 0, "the Shopify dataset's tests ran");
        assertEquals("data_quality", event.jobs().get(17).name(), "last: how the checks came out");
        assertTrue(event.dq().passed() > 0);
        assertEquals(0, event.dq().failed());
        assertEquals("email:e2e+" + runId + "@example.com", queryForString("select customer_key from warehouse.fact_orders"
                + " where store = 'retail' and order_id = " + orderId));

        // a re-delivered load after the run: recorded, but no second attempt and no second event
        Instant before = Instant.now();
        EventSender.send(Topics.LOAD_COMPLETED, runId, orders);
        awaitTrue("the re-delivered load is recorded", () -> database.queryForLong("select count(*) from ops.etl_run_loads"
                + " where run_id = '" + runId + "' and entity = 'orders' and received_at > '" + before + "'") == 1);
        assertEquals(1, database.queryForLong("select transform_attempts from ops.etl_runs where run_id = '" + runId + "'"));
        assertEquals("SUCCEEDED", queryForString("select status from ops.etl_runs where run_id = '" + runId + "'"));
        assertEquals(AS_OF.toString(), queryForString("select to_char(transform_started_at at time zone 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from ops.etl_runs where run_id = '" + runId + "'"),
                "the attempt is claimed at the transformer's clock (fixed in the test profile)");
        assertEquals(18, database.queryForLong("select count(*) from ops.etl_run_log where run_id = '" + runId
                + "' and attempts = 1 and status = 'SUCCEEDED'"));

        // a re-delivered etl.run.started after the run, then a marker run with the same key (the same partition, so
        // handled after it): the run is not recorded again, not claimed again, and publishes no second event
        EventSender.send(Topics.RUN_STARTED, runId, started);
        String marker = runId + "-marker";
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(marker, RunTrigger.MANUAL, BUSINESS_DATES, List.of(
                new RunStarted.PlanItem("retail", Entity.INVENTORY, ExtractMode.SNAPSHOT))));
        awaitTrue("the marker run is recorded", () -> database.queryForLong("select count(*) from ops.etl_runs"
                + " where run_id = '" + marker + "'") == 1);
        assertEquals(1, database.queryForLong("select transform_attempts from ops.etl_runs where run_id = '" + runId + "'"));
        assertEquals("SUCCEEDED", queryForString("select status from ops.etl_runs where run_id = '" + runId + "'"));
        assertEquals(1, TopicProbe.withKey(Topics.TRANSFORM_COMPLETED, runId).size(),
                "one etl.transform.completed for the run");
    }

    @Test
    void runsOfAStoreMergeInTheOrderTheyStartedAndALaterOneWaitsWithoutTimingOut() throws Exception {
        String earlier = newRunId();
        String later = newRunId();
        // the earlier run of "bakery" never gets its inventory load: it ends at the barrier timeout (20 s here)
        EventSender.send(Topics.RUN_STARTED, earlier, new RunStarted(earlier, RunTrigger.SCHEDULE, Map.of("bakery",
                BUSINESS_DATE), List.of(new RunStarted.PlanItem("bakery", Entity.INVENTORY, ExtractMode.SNAPSHOT))));
        awaitTrue("the earlier run is recorded", () -> database.queryForLong("select count(*) from ops.etl_runs"
                + " where run_id = '" + earlier + "'") == 1);
        // a later run of the same store is fully loaded at once
        long customerId = Staging.nextId();
        stage(database, "customers", later, "bakery", Staging.customer(customerId, "order+" + later + "@example.com",
                "Ola", "2026-11-21T10:00:00Z"));
        EventSender.send(Topics.RUN_STARTED, later, new RunStarted(later, RunTrigger.MANUAL, Map.of("bakery",
                BUSINESS_DATE), List.of(new RunStarted.PlanItem("bakery", Entity.CUSTOMERS, ExtractMode.INCREMENTAL))));
        EventSender.send(Topics.LOAD_COMPLETED, later,
                new LoadCompleted(later, "bakery", Entity.CUSTOMERS, Status.SUCCEEDED, 1, 0, null, null));
        awaitTrue("the later run's load is recorded", () -> database.queryForLong("select count(*) from ops.etl_run_loads"
                + " where run_id = '" + later + "'") == 1);

        // it does not merge while the earlier run is unfinished (a few barrier checks, every 2 s here)
        Thread.sleep(5000);
        assertEquals("RUNNING", queryForString("select status from ops.etl_runs where run_id = '" + earlier + "'"));
        assertEquals(0, database.queryForLong("select transform_attempts from ops.etl_runs where run_id = '" + later + "'"),
                "the later run waits for the earlier one");

        TransformCompleted first = awaitEvent(earlier);
        assertEquals(Status.FAILED, first.status());
        assertTrue(first.jobs().get(0).error().contains("barrier timeout"), first.jobs().get(0).error());
        // once the earlier run has ended the later one merges, although it is past the barrier timeout itself
        TransformCompleted second = awaitEvent(later);
        assertEquals(Status.SUCCEEDED, second.status(), () -> "jobs " + second.jobs());
        assertEquals(1, second.attempt());
        assertEquals(1, database.queryForLong("select count(*) from warehouse.dim_customer_sources"
                + " where store = 'bakery' and customer_id = " + customerId));
    }

    @Test
    void aRunWhoseStagingRowsAreGoneFailsAndNamesThemInsteadOfMergingLess() throws Exception {
        String runId = newRunId();
        stage(database, "orders", runId, "wholesale", Staging.order(Staging.nextId(), "2026-11-21T11:00:00Z", "PAID", null));
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.MANUAL, Map.of("wholesale",
                BUSINESS_DATE), List.of(new RunStarted.PlanItem("wholesale", Entity.ORDERS, ExtractMode.INCREMENTAL))));
        // the load says 3 rows were staged; only 1 is still there
        EventSender.send(Topics.LOAD_COMPLETED, runId,
                new LoadCompleted(runId, "wholesale", Entity.ORDERS, Status.SUCCEEDED, 3, 0, null, null));

        TransformCompleted event = awaitEvent(runId);
        assertEquals(Status.FAILED, event.status());
        assertEquals(List.of(), event.jobs(), "no merge job ran");
        String error = queryForString("select error from ops.etl_runs where run_id = '" + runId + "'");
        assertTrue(error.contains("staging rows gone: orders@wholesale (3 staged, 1 left)"), error);
    }

    @Test
    void deadLettersFailTheRunAndTheEventNamesTheirCountsAndReasons() throws Exception {
        String runId = newRunId();
        stage(database, "orders", runId, "wholesale", Staging.order(Staging.nextId(), "2026-11-21T11:00:00Z", "PAID", null));
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.SCHEDULE, Map.of("wholesale",
                BUSINESS_DATE), List.of(new RunStarted.PlanItem("wholesale", Entity.ORDERS, ExtractMode.INCREMENTAL))));
        List<DeadLetterReason> reasons = List.of(
                new DeadLetterReason("PostgreSQL refused the record (SQLState 22P05): unsupported Unicode escape sequence", 2),
                new DeadLetterReason("missing gid", 1));
        EventSender.send(Topics.LOAD_COMPLETED, runId, new LoadCompleted(runId, "wholesale", Entity.ORDERS,
                Status.SUCCEEDED, 1, 3, null, null, reasons));

        TransformCompleted event = awaitEvent(runId);
        assertEquals(Status.FAILED, event.status(), "records lost on the way fail the run");
        assertEquals(List.of(new TransformCompleted.DeadLetters("wholesale", Entity.ORDERS, 3, reasons)),
                event.deadLetters());
        JobResult checks = event.jobs().get(event.jobs().size() - 1);
        assertEquals("data_quality", checks.name());
        assertTrue(checks.error().contains("dead_letters.orders (records dead-lettered instead of staged: orders@wholesale 3"
                + " (PostgreSQL refused the record (SQLState 22P05): unsupported Unicode escape sequence: 2; missing gid: 1))"
                + ": observed 3 > 0"), checks.error());
        assertEquals("FAILED", queryForString("select status from ops.dq_results where run_id = '" + runId
                + "' and check_name = 'dead_letters.orders'"));
    }

    @Test
    void aRecordLostBeforeStagingFailsTheRunWithAReconciliationErrorNamingStoreEntityAndDifference() throws Exception {
        String runId = newRunId();
        long[] ids = {Staging.nextId(), Staging.nextId(), Staging.nextId()};
        for (long id : ids) {
            stage(database, "orders", runId, "wholesale", Staging.order(id, "2026-11-21T10:00:00Z", "PAID", null));
        }
        // the extractor saw the three orders (42.50 each, 2 units each) and Shopify counts three in the window
        ExtractObservation observed = new ExtractObservation(3, Map.of(ExtractObservation.TOTAL_PRICE,
                new BigDecimal("127.50"), ExtractObservation.TOTAL_REFUNDED, BigDecimal.ZERO,
                ExtractObservation.LINE_QUANTITY, new BigDecimal("6")), Instant.parse("2026-11-21T09:00:00Z"),
                Instant.parse("2026-11-21T12:00:00Z"), 3L, "EXACT");
        // one staged row goes before the merge, and the load declares what is left (a record lost on the way in)
        database.execute("delete from staging.orders where run_id = '" + runId + "' and gid = 'gid://shopify/Order/"
                + ids[1] + "'");
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.MANUAL, BUSINESS_DATES, List.of(
                new RunStarted.PlanItem("wholesale", Entity.ORDERS, ExtractMode.INCREMENTAL))));
        EventSender.send(Topics.LOAD_COMPLETED, runId, new LoadCompleted(runId, "wholesale", Entity.ORDERS,
                Status.SUCCEEDED, 2, 0, null, null, List.of(), observed));

        TransformCompleted event = awaitEvent(runId);
        assertEquals(Status.FAILED, event.status());
        JobResult reconciliation = event.jobs().stream().filter(j -> j.name().equals("reconciliation")).findFirst()
                .orElseThrow();
        assertEquals(Status.FAILED, reconciliation.status());
        assertTrue(reconciliation.error().contains("orders@wholesale records: source 3, warehouse 2 (difference -1)"),
                reconciliation.error());
        assertTrue(reconciliation.error().contains("orders@wholesale shopify_count: source 3, warehouse 2 (difference -1)"),
                reconciliation.error());
        assertTrue(reconciliation.error().contains("orders@wholesale total_price: source 127.5, warehouse 85 (difference -42.5)"),
                reconciliation.error());
        assertEquals(4, event.reconciliation().failed(), event.reconciliation().toString());
        assertEquals(1, event.reconciliation().ok(), "total refunded is 0 either way: " + event.reconciliation());
        assertTrue(queryForString("select error from ops.etl_runs where run_id = '" + runId + "'")
                .startsWith("reconciliation errors: "));
        assertEquals("ERROR -1.0000", queryForString("select status || ' ' || difference from ops.reconciliation"
                + " where run_id = '" + runId + "' and store = 'wholesale' and entity = 'orders' and metric = 'records'"));
        io.restassured.path.json.JsonPath view = io.restassured.RestAssured.given().get("/runs/" + runId).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("FAILED", view.getString("status"));
        assertEquals(5, view.getList("reconciliation").size(), "GET /runs/{id} shows every reconciliation row");
        assertEquals("ERROR", view.getString("reconciliation.find { it.metric == 'records' }.status"));
        assertEquals(-1.0, view.getDouble("reconciliation.find { it.metric == 'records' }.difference"));
        io.restassured.RestAssured.given().get("/runs/run-nobody-knows").then().statusCode(404);
    }

    @Test
    void aRunThatMatchesItsObservationReconcilesOkAndAWindowEdgeOnlyWarns() throws Exception {
        String runId = newRunId();
        long inWindow = Staging.nextId();
        long changedDuringTheRun = Staging.nextId();
        stage(database, "orders", runId, "retail", Staging.order(inWindow, "2026-11-21T10:00:00Z", "PAID", null));
        stage(database, "orders", runId, "retail", Staging.order(changedDuringTheRun, "2026-11-21T12:00:30Z", "PAID", null));
        // Shopify's count (asked after the extraction, for the records updated before 12:00) found the order that
        // changed during the run no longer in the window and one other order of the window updated after paging
        ExtractObservation observed = new ExtractObservation(2, Map.of(ExtractObservation.TOTAL_PRICE,
                new BigDecimal("85.00"), ExtractObservation.TOTAL_REFUNDED, BigDecimal.ZERO,
                ExtractObservation.LINE_QUANTITY, new BigDecimal("4")), Instant.parse("2026-11-21T09:00:00Z"),
                Instant.parse("2026-11-21T12:00:00Z"), 2L, "EXACT");
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.MANUAL, BUSINESS_DATES, List.of(
                new RunStarted.PlanItem("retail", Entity.ORDERS, ExtractMode.INCREMENTAL))));
        EventSender.send(Topics.LOAD_COMPLETED, runId, new LoadCompleted(runId, "retail", Entity.ORDERS,
                Status.SUCCEEDED, 2, 0, null, null, List.of(), observed));

        TransformCompleted event = awaitEvent(runId);
        assertEquals(Status.SUCCEEDED, event.status(), () -> event.jobs().toString());
        assertEquals(4, event.reconciliation().ok());
        assertEquals(1, event.reconciliation().warned());
        TransformCompleted.Difference edge = event.reconciliation().differences().get(0);
        assertEquals("shopify_count WARN -1", edge.metric() + " " + edge.status() + " "
                + edge.difference().stripTrailingZeros().toPlainString());
        assertTrue(edge.note().startsWith("window edge: 1 records changed after the window closed"), edge.note());
    }

    @Test
    void aFailedLoadFailsTheRunWithItsReason() throws Exception {
        String runId = newRunId();
        EventSender.send(Topics.LOAD_COMPLETED, runId,
                new LoadCompleted(runId, "wholesale", Entity.ORDERS, Status.FAILED, 0, 0, null, "COPY failed: disk full"));
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.MANUAL, BUSINESS_DATES, List.of(
                new RunStarted.PlanItem("wholesale", Entity.ORDERS, ExtractMode.INCREMENTAL),
                new RunStarted.PlanItem("wholesale", Entity.PRODUCTS, ExtractMode.INCREMENTAL))));

        TransformCompleted event = awaitEvent(runId);
        assertEquals(Status.FAILED, event.status());
        assertEquals("barrier", event.jobs().get(0).name());
        assertTrue(event.jobs().get(0).error().contains("orders@wholesale: COPY failed: disk full"), event.jobs().get(0).error());
        assertEquals("FAILED", queryForString("select status from ops.etl_runs where run_id = '" + runId + "'"));
    }

    @Test
    void aPlanNotCompleteWithinTheTimeoutFailsTheRun() throws Exception {
        String runId = newRunId();
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.SCHEDULE, BUSINESS_DATES, List.of(
                new RunStarted.PlanItem("retail", Entity.INVENTORY, ExtractMode.SNAPSHOT))));

        TransformCompleted event = awaitEvent(runId);
        assertEquals(Status.FAILED, event.status());
        String error = event.jobs().get(0).error();
        assertTrue(error.contains("barrier timeout") && error.contains("inventory@retail"), error);
    }

    @Test
    void aRunWhoseStartNeverArrivedStillEndsFailedAfterTheBarrierTimeout() throws Exception {
        String runId = newRunId();
        // only the load reaches the transformer: its etl.run.started was lost upstream
        EventSender.send(Topics.LOAD_COMPLETED, runId,
                new LoadCompleted(runId, "retail", Entity.CUSTOMERS, Status.SUCCEEDED, 3, 0, null, null));

        TransformCompleted event = awaitEvent(runId);
        assertEquals(Status.FAILED, event.status());
        assertEquals(1, event.attempt());
        String error = event.jobs().get(0).error();
        assertTrue(error.contains("barrier timeout") && error.contains("etl.run.started never received"), error);
        assertEquals("FAILED UNKNOWN [{\"store\": \"retail\", \"entity\": \"customers\"}]", queryForString(
                "select status || ' ' || trigger || ' ' || plan::text from ops.etl_runs where run_id = '" + runId + "'"));

        // the start arriving late changes nothing: the run stays FAILED, with its one event
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.SCHEDULE, BUSINESS_DATES, List.of(
                new RunStarted.PlanItem("retail", Entity.CUSTOMERS, ExtractMode.INCREMENTAL))));
        Thread.sleep(3000);
        assertEquals("FAILED", queryForString("select status from ops.etl_runs where run_id = '" + runId + "'"));
        assertEquals(1, TopicProbe.withKey(Topics.TRANSFORM_COMPLETED, runId).size());
    }

    @Test
    void aJobThatFailsOnceIsRetriedAndTheRunLogShowsTheAttempts() throws Exception {
        String runId = newRunId();
        stage(database, "products", runId, "retail", Staging.product(Staging.nextId(), Staging.nextId(), "RETRY-1",
                Staging.nextId(), "5.00"));
        database.execute("insert into ops.etl_runs (run_id, trigger, business_dates, plan, status, transform_attempts)"
                + " values ('" + runId + "', 'MANUAL', '" + BUSINESS_DATES_JSON + "', '[]', 'RUNNING', 1)");
        CompletableFuture<TransformCompleted> outcome;
        try (Connection lockHolder = database.connect(); Statement s = lockHolder.createStatement()) {
            lockHolder.setAutoCommit(false);
            s.execute("lock table warehouse.dim_products in access exclusive mode");
            outcome = queue.submit(new RunContext(runId, 1, BUSINESS_DATES_JSON, AS_OF));
            awaitTrue("the first try of dim_products failed on the lock", () -> database.queryForLong(
                    "select count(*) from ops.etl_run_log where run_id = '" + runId + "' and job = 'dim_products'"
                            + " and status = 'FAILED' and attempts = 1 and error like '%lock timeout%'") == 1);
            lockHolder.rollback();
        }
        TransformCompleted completed = outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(Status.SUCCEEDED, completed.status());
        JobResult products = completed.jobs().stream().filter(j -> j.name().equals("dim_products")).findFirst().orElseThrow();
        assertEquals(2, products.attempts());
        assertEquals(1, database.queryForLong("select count(*) from ops.etl_run_log where run_id = '" + runId
                + "' and job = 'dim_products' and status = 'SUCCEEDED' and attempts = 2 and rows = 1 and ended_at is not null"));
        assertEquals(1, database.queryForLong("select count(*) from warehouse.dim_product_variants where sku = 'RETRY-1'"));
        assertEquals(products, awaitEvent(runId).jobs().stream().filter(j -> j.name().equals("dim_products")).findFirst().orElseThrow());
    }

    @Test
    void aMergeBlockedPastTheStatementTimeoutFailsItsTryIsRetriedAndTheRunEnds() throws Exception {
        String runId = newRunId();
        stage(database, "products", runId, "retail", Staging.product(Staging.nextId(), Staging.nextId(), "HUNG-1",
                Staging.nextId(), "5.00"));
        // dim_products hangs on its first try only: a statement trigger sleeping past statement_timeout (PT10S in the
        // test profile) while a sequence, which no rollback resets, is at 1
        database.execute("create sequence warehouse.test_hang_once;"
                + " create function warehouse.test_hang_once() returns trigger language plpgsql as $$ begin"
                + " if nextval('warehouse.test_hang_once') = 1 then perform pg_sleep(60); end if; return null; end $$;"
                + " create trigger test_hang_once before insert on warehouse.dim_products for each statement"
                + " execute function warehouse.test_hang_once();");
        TransformCompleted completed;
        try {
            completed = transform(runId);
        } finally {
            database.execute("drop trigger if exists test_hang_once on warehouse.dim_products;"
                    + " drop function if exists warehouse.test_hang_once(); drop sequence if exists warehouse.test_hang_once;");
        }
        assertEquals(Status.SUCCEEDED, completed.status(), () -> completed.jobs().toString());
        JobResult products = completed.jobs().stream().filter(j -> j.name().equals("dim_products")).findFirst().orElseThrow();
        assertEquals(2, products.attempts(), "the hung try failed on the statement timeout and the job was retried");
        assertEquals(1, database.queryForLong("select count(*) from warehouse.dim_product_variants where sku = 'HUNG-1'"));
    }

    @Test
    void aDataQualityErrorFailsTheRunAndTheEventSaysWhy() throws Exception {
        long orderId = Staging.nextId();
        String runId = newRunId();
        stage(database, "orders", runId, "retail", Staging.order(orderId, "2026-11-21T10:00:00Z", "NOT_A_STATUS", null));
        try {
            TransformCompleted completed = transform(runId, BUSINESS_DATE);
            assertEquals(Status.FAILED, completed.status());
            assertEquals(1, completed.dq().failed());

            TransformCompleted event = awaitEvent(runId);
            assertEquals(Status.FAILED, event.status());
            JobResult checks = event.jobs().get(event.jobs().size() - 1);
            assertEquals("data_quality", checks.name());
            assertEquals(Status.FAILED, checks.status());
            assertTrue(checks.error().contains("accepted.financial_status"), checks.error());
            assertEquals("FAILED", queryForString("select status from ops.dq_results where run_id = '" + runId
                    + "' and check_name = 'accepted.financial_status'"));
            assertTrue(queryForString("select error from ops.etl_runs where run_id = '" + runId + "'")
                    .contains("accepted.financial_status"));
        } finally {
            String fix = newRunId();
            stage(database, "orders", fix, "retail", Staging.order(orderId, "2026-11-21T12:00:00Z", "PAID", null));
            assertEquals(Status.SUCCEEDED, transform(fix, BUSINESS_DATE).status());
        }
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextOneIsStillProcessed() throws Exception {
        String badKey = newRunId();
        EventSender.send(Topics.LOAD_COMPLETED, badKey, "{\"runId\": \"" + badKey + "\", \"entity\": \"coupons\"}");
        var dead = TopicProbe.awaitKey(Topics.DEAD_LETTERS, badKey, WAIT);
        assertEquals("transformer-service", TopicProbe.header(dead, DeadLetterHeaders.SERVICE));
        assertEquals(badKey, TopicProbe.header(dead, DeadLetterHeaders.RUN_ID));
        assertEquals(Topics.LOAD_COMPLETED, TopicProbe.header(dead, DeadLetterHeaders.SOURCE_TOPIC));
        assertTrue(TopicProbe.header(dead, DeadLetterHeaders.ERROR_MESSAGE).contains("coupons"));

        String runId = newRunId();
        EventSender.send(Topics.RUN_STARTED, runId, new RunStarted(runId, RunTrigger.MANUAL, BUSINESS_DATES, List.of()));
        assertEquals(Status.SUCCEEDED, awaitEvent(runId).status());
    }

    @Test
    void aStoreWithoutSettingsFailsTheRunBeforeAnyMerge() throws Exception {
        String runId = newRunId();
        stage(database, "orders", runId, "unknown-shop", Staging.order(Staging.nextId(), "2026-11-21T10:00:00Z", "PAID", null));
        TransformCompleted completed = transform(runId, BUSINESS_DATE);
        assertEquals(Status.FAILED, completed.status());
        assertEquals(0, completed.jobs().size());
        assertTrue(queryForString("select error from ops.etl_runs where run_id = '" + runId + "'").contains("unknown-shop"));

        // a run that brings only a deletion of such a store is refused the same way
        String deletionOnly = newRunId();
        stage(database, "deletions", deletionOnly, "unknown-shop", Staging.deletion("ORDER", "gid://shopify/Order/"
                + Staging.nextId(), "2026-11-21T10:00:00Z"));
        TransformCompleted refused = transform(deletionOnly, BUSINESS_DATE);
        assertEquals(Status.FAILED, refused.status());
        assertEquals(0, refused.jobs().size());
        assertTrue(queryForString("select error from ops.etl_runs where run_id = '" + deletionOnly + "'")
                .contains("unknown-shop"));
    }

    @Test
    void aRunInterruptedMidMergeIsResumedAsItsNextAttempt() throws Exception {
        String runId = newRunId();
        long orderId = Staging.nextId();
        stage(database, "orders", runId, "retail", Staging.order(orderId, "2026-11-21T10:00:00Z", "PAID", null));
        database.execute("insert into ops.etl_runs (run_id, trigger, business_dates, plan, status, transform_attempts,"
                + " transform_started_at) values ('" + runId + "', 'SCHEDULE', '" + BUSINESS_DATES_JSON + "', '[]',"
                + " 'RUNNING', 1, now())");

        assertTrue(resume.resume() >= 1);

        TransformCompleted event = awaitEvent(runId);
        assertEquals(2, event.attempt());
        assertEquals(Status.SUCCEEDED, event.status());
        assertEquals(1, database.queryForLong("select count(*) from warehouse.fact_orders where order_id = " + orderId));
    }

    static TransformCompleted awaitEvent(String runId) throws Exception {
        return EventJson.mapper().readValue(TopicProbe.awaitKey(Topics.TRANSFORM_COMPLETED, runId, WAIT).value(),
                TransformCompleted.class);
    }

    static void awaitTrue(String what, Check check) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("not within " + WAIT.toSeconds() + " s: " + what);
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
