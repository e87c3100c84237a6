package com.multistore.elt.transformer;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each data-quality check can fail: a warehouse row that breaks it is put in place (and removed again, the warehouse
 * is shared by the module's tests), a run's checks are run, and that check must not pass.
 */
@QuarkusTest
class DataQualityTests extends TransformTestsBase {

    private static final String BAD_ORDER = "insert into warehouse.fact_orders (store, order_id, gid, order_name, channel,"
            + " created_at, updated_at, financial_status, fulfillment_status, currency, total_price, loaded_run_id)"
            + " values ('wholesale', %d, 'gid://shopify/Order/%d', %s, 'B2B', now(), now(), %s, %s, 'USD', 1, 'dq-test')";

    @Test
    void anOrderWithoutAFulfillmentStatusFailsTheCheckWhileNoFinancialStatusIsAccepted() throws Exception {
        long id = Staging.nextId();
        database.execute(BAD_ORDER.formatted(id, id, "'#" + id + "'", "null", "null"));
        try {
            String run = checks();
            assertEquals("FAILED 1", result(run, "accepted.fulfillment_status"),
                    "Order.displayFulfillmentStatus is non-null in Shopify: NULL is not a status");
            assertEquals("PASSED 0", result(run, "accepted.financial_status"),
                    "Order.displayFinancialStatus is nullable in Shopify: NULL is accepted");
        } finally {
            database.execute("delete from warehouse.fact_orders where order_id = " + id);
        }
    }

    @Test
    void anOrderWithoutANameFailsNotNull() throws Exception {
        long id = Staging.nextId();
        database.execute(BAD_ORDER.formatted(id, id, "null", "'PAID'", "'FULFILLED'"));
        try {
            assertEquals("FAILED 1", result(checks(), "not_null.order_name"));
        } finally {
            database.execute("delete from warehouse.fact_orders where order_id = " + id);
        }
    }

    @Test
    void anOrderOfTheRunWhoseRefundsDoNotMakeItsTotalRefundedFailsTheReconciliation() throws Exception {
        long id = Staging.nextId();
        String run = newRunId();
        database.execute(BAD_ORDER.formatted(id, id, "'#" + id + "'", "'PARTIALLY_REFUNDED'", "'FULFILLED'"));
        database.execute("update warehouse.fact_orders set total_refunded = 10, current_total_price = 0, loaded_run_id = '"
                + run + "' where order_id = " + id);
        String refund = "insert into warehouse.fact_refunds (store, refund_id, order_id, gid, processed_at, refund_date,"
                + " total_refunded, currency, order_updated_at, loaded_run_id) values ('wholesale', %d, " + id
                + ", 'gid://shopify/Refund/%d', now(), current_date, %s, 'USD', now(), 'dq-test')";
        database.execute(refund.formatted(id, id, "6"));
        try {
            transform(run);
            assertEquals("FAILED 1", result(run, "reconcile.order_refunds"), "6 refunded of the 10 the order says");
            String next = newRunId();
            database.execute("update warehouse.fact_orders set loaded_run_id = '" + next + "' where order_id = " + id);
            database.execute(refund.formatted(id + 1, id + 1, "4"));
            transform(next);
            assertEquals("PASSED 0", result(next, "reconcile.order_refunds"));
            database.execute("delete from warehouse.fact_refunds where refund_id = " + (id + 1));
            String later = newRunId();
            transform(later);
            assertEquals("PASSED 0", result(later, "reconcile.order_refunds"), "an order another run merged is not this run's");
        } finally {
            database.execute("delete from warehouse.fact_refunds where order_id = " + id);
            database.execute("delete from warehouse.fact_orders where order_id = " + id);
        }
    }

    @Test
    void aNegativeOrAnExcessCurrentQuantityIsCaught() throws Exception {
        long id = Staging.nextId();
        database.execute(BAD_ORDER.formatted(id, id, "'#" + id + "'", "'PAID'", "'FULFILLED'"));
        String line = "insert into warehouse.fact_order_lines (store, line_item_id, order_id, quantity, current_quantity,"
                + " unit_price, line_total, discount_total, currency, order_updated_at, loaded_run_id) values"
                + " ('wholesale', %d, " + id + ", %d, %d, 1, 0, 0, 'USD', now(), 'dq-test')";
        database.execute(line.formatted(id * 10 + 1, 2, -1));
        database.execute(line.formatted(id * 10 + 2, 2, 3));
        try {
            String run = checks();
            assertEquals("FAILED 1", result(run, "accepted.line_quantities"));
            assertEquals("WARNED 1", result(run, "accepted.line_current_quantity"));
        } finally {
            database.execute("delete from warehouse.fact_order_lines where order_id = " + id);
            database.execute("delete from warehouse.fact_orders where order_id = " + id);
        }
    }

    @Test
    void aMergedCustomerAndItsStoreRecordsMustPointAtEachOther() throws Exception {
        long id = Staging.nextId();
        String orphan = "email:orphan+" + id + "@example.com";
        String lost = "email:lost+" + id + "@example.com";
        // a merged customer no store record points to, and a store record whose merged customer is missing
        database.execute("insert into warehouse.dim_customers (customer_key, source_store, source_customer_id, stores,"
                + " updated_at, loaded_run_id) values ('" + orphan + "', 'retail', " + id + ", '{retail}', now(), 'dq-test')");
        database.execute("insert into warehouse.dim_customer_sources (store, customer_id, customer_key, updated_at,"
                + " loaded_run_id) values ('wholesale', " + id + ", '" + lost + "', now(), 'dq-test')");
        try {
            String run = checks();
            assertEquals("FAILED 1", result(run, "relationship.customer_has_source"));
            assertEquals("FAILED 1", result(run, "relationship.customer_source_customer"));
        } finally {
            database.execute("delete from warehouse.dim_customers where customer_key = '" + orphan + "'");
            database.execute("delete from warehouse.dim_customer_sources where customer_key = '" + lost + "'");
        }
    }

    @Test
    void aStoreOfTheRunWithoutAnyOrderIsNotFresh() throws Exception {
        String run = newRunId();
        TransformCompleted outcome = transform(run, Map.of("retail", LocalDate.of(2026, 11, 22),
                "no-orders-" + run.substring(4, 12), LocalDate.of(2026, 11, 22)));
        assertEquals(Status.SUCCEEDED, outcome.status(), "freshness warns, it does not fail the run");
        assertEquals("WARNED null", result(run, "freshness.orders_hours"));
        assertTrue(outcome.dq().warned() > 0);
    }

    @Test
    void deadLettersOfAnEntityConfiguredToWarnWarnAndTheOthersFailTheRun() throws Exception {
        String warned = newRunId();
        database.execute("insert into ops.etl_run_loads (run_id, store, entity, status, staged_count, dead_lettered_count,"
                + " dead_letter_reasons) values ('" + warned + "', 'retail', 'customers', 'SUCCEEDED', 0, 2,"
                + " '[{\"reason\": \"missing gid\", \"count\": 2}]')");
        TransformCompleted outcome = transform(warned);
        assertEquals(Status.SUCCEEDED, outcome.status(), "pipeline.dq.dead-letters.customers=WARN in the test profile");
        assertEquals("WARNED 2", result(warned, "dead_letters.customers"));
        assertEquals(1, outcome.deadLetters().size());

        String failed = newRunId();
        database.execute("insert into ops.etl_run_loads (run_id, store, entity, status, staged_count, dead_lettered_count)"
                + " values ('" + failed + "', 'retail', 'products', 'SUCCEEDED', 0, 1),"
                + " ('" + failed + "', 'retail', 'inventory', 'SUCCEEDED', 0, 0)");
        assertEquals(Status.FAILED, transform(failed).status());
        assertEquals("FAILED 1", result(failed, "dead_letters.products"));
        assertEquals("PASSED 0", result(failed, "dead_letters.inventory"));
    }

    /** Runs a run with nothing staged (its merges change nothing, its checks read the whole warehouse). */
    private String checks() throws Exception {
        String run = newRunId();
        transform(run);
        return run;
    }

    private String result(String run, String check) throws Exception {
        return queryForString("select status || ' ' || coalesce(observed::text, 'null') from ops.dq_results"
                + " where run_id = '" + run + "' and check_name = '" + check + "'");
    }
}
