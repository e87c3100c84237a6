package com.multistore.elt.transformer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static com.multistore.elt.transformer.Staging.stage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /replay (admin) re-runs a run's merges to the same warehouse rows; the report endpoints serve the marts. */
@QuarkusTest
class ReplayAndReportsTests extends TransformTestsBase {

    private static final String TOKEN = "Bearer test-admin-token";

    @Test
    void aReplayReRunsTheMergesAsTheNextAttemptAndLeavesTheSameRows() throws Exception {
        String runId = newRunId();
        long customerId = Staging.nextId();
        long orderId = Staging.nextId();
        stage(database, "customers", runId, "wholesale", Staging.customer(customerId, "replay+" + runId + "@example.com",
                "Rita", "2026-11-21T09:00:00Z"));
        ObjectNode order = Staging.order(orderId, "2026-11-21T10:00:00Z", "PAID", customerId);
        Staging.addLine(order, orderId * 10 + 2, "BREAD", 2, "4.10", "0.20");
        stage(database, "orders", runId, "wholesale", order);
        assertEquals(Status.SUCCEEDED, transform(runId).status());
        String before = fingerprint(orderId);

        given().contentType(ContentType.JSON).body("{\"runId\":\"" + runId + "\"}")
                .when().post("/replay").then().statusCode(401);
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("{\"runId\":\"" + runId + "\"}")
                .when().post("/replay")
                .then().statusCode(200).body("attempt", equalTo(2)).body("status", equalTo("SUCCEEDED"));

        assertEquals(before, fingerprint(orderId));
        var events = TopicProbe.await(Topics.TRANSFORM_COMPLETED, r -> runId.equals(r.key()), 2, Duration.ofSeconds(120));
        List<Integer> attempts = new ArrayList<>();
        for (var record : events) {
            attempts.add(EventJson.mapper().readValue(record.value(), TransformCompleted.class).attempt());
        }
        attempts.sort(null);
        assertEquals(List.of(1, 2), attempts);
        // every merge job, the reconciliation, the data-quality checks and the Shopify dataset's declared tests, once each
        assertEquals(com.multistore.elt.transformer.service.MergeJob.ALL.size() + 2
                + 1, database.queryForLong(
                "select count(*) from ops.etl_run_log where run_id = '" + runId
                + "' and run_attempt = 2 and status = 'SUCCEEDED'"));
    }

    @Test
    void aReplayOfARunWhoseStagingRowsAreGoneIsRefusedNotANoOp() throws Exception {
        String runId = newRunId();
        long customerId = Staging.nextId();
        stage(database, "customers", runId, "wholesale", Staging.customer(customerId, "gone+" + runId + "@example.com",
                "Gus", "2026-11-21T09:00:00Z"));
        database.execute("insert into ops.etl_run_loads (run_id, store, entity, status, staged_count)"
                + " values ('" + runId + "', 'wholesale', 'customers', 'SUCCEEDED', 1)");
        assertEquals(Status.SUCCEEDED, transform(runId).status());

        // the loader's retention (or someone) removes the run's staging rows; a replay would merge nothing
        database.execute("delete from staging.customers where run_id = '" + runId + "'");
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("{\"runId\":\"" + runId + "\"}")
                .when().post("/replay")
                .then().statusCode(409)
                .body("error", containsString("staging rows gone: customers@wholesale (1 staged, 0 left)"))
                .body("error", containsString("POST /replay"));
        assertEquals("SUCCEEDED 1", queryForString("select status || ' ' || transform_attempts from ops.etl_runs"
                + " where run_id = '" + runId + "'"), "the run keeps its outcome; no attempt was claimed");
    }

    @Test
    void aReplayOfAnUnknownRunIsRefused() {
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("{\"runId\":\"no-such-run\"}")
                .when().post("/replay").then().statusCode(404).body("error", containsString("unknown run"));
    }

    @Test
    void theReportsServeTheMartsAsJsonAndAsAPage() throws Exception {
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        String future = ZonedDateTime.ofInstant(AS_OF, zone).plusDays(20).withNano(0).toOffsetDateTime().toString();
        long orderId = Staging.nextId();
        String runId = newRunId();
        ObjectNode order = Staging.order(orderId, "2026-11-21T10:00:00Z", "PAID", null);
        Staging.metafield(order, "order_type", "remaining");
        Staging.metafield(order, "event_datetime", future);
        Staging.metafield(order, "flavor", "lemon");
        Staging.metafield(order, "theme", "dinosaurs");
        stage(database, "orders", runId, "bakery", order);
        assertEquals(Status.SUCCEEDED, transform(runId).status());

        given().accept(ContentType.JSON).when().get("/reports/future-orders")
                .then().statusCode(200).body("orderId", hasItem((int) orderId))
                .body("find { it.orderId == " + orderId + " }.depositMissing", equalTo(true))
                .body("find { it.orderId == " + orderId + " }.theme", equalTo("dinosaurs"));
        given().accept(ContentType.HTML).when().get("/reports/future-orders")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("dinosaurs"), containsString("Deposit order missing"), containsString("viewport"));
        given().accept(ContentType.JSON).when().get("/reports/bake-schedule").then().statusCode(200);
        given().accept(ContentType.HTML).when().get("/reports/bake-schedule")
                .then().statusCode(200).body(containsString("This week's bakes"));
    }

    @Test
    void theMetricsShowJobDurationsRowsAndChecks() throws Exception {
        String runId = newRunId();
        stage(database, "orders", runId, "retail", Staging.order(Staging.nextId(), "2026-11-21T10:00:00Z", "PAID", null));
        assertEquals(Status.SUCCEEDED, transform(runId).status());
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("transformer_job_duration_seconds_count{job=\"fact_orders\",status=\"SUCCEEDED\"}"),
                        containsString("transformer_job_rows_total{job=\"fact_order_lines\"}"));
    }

    private String fingerprint(long orderId) throws Exception {
        return queryForString("select md5(string_agg(t, '|' order by t)) from ("
                + " select row(f.store, f.order_id, f.financial_status, f.customer_key, f.total_price, f.updated_at, f.loaded_run_id)::text t"
                + "   from warehouse.fact_orders f where order_id = " + orderId
                + " union all select row(l.store, l.line_item_id, l.quantity, l.line_total, l.discount_total, l.loaded_run_id)::text"
                + "   from warehouse.fact_order_lines l where order_id = " + orderId
                + " union all select row(c.customer_key, c.first_name, c.stores, c.updated_at)::text from warehouse.dim_customers c"
                + "   where c.customer_key = (select customer_key from warehouse.fact_orders where order_id = " + orderId + ")) x");
    }
}
