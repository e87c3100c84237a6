package com.multistore.elt.transformer;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.transformer.config.DataQualityConfig;
import com.multistore.elt.transformer.model.DeclaredTest;
import com.multistore.elt.transformer.model.DeclaredTestFile;
import com.multistore.elt.transformer.model.ModelDataset;
import com.multistore.elt.transformer.repository.DeclaredTestRepository;
import com.multistore.elt.transformer.service.DeclaredTests;
import com.multistore.elt.transformer.service.RunContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The declared tests against PostgreSQL: each kind finds what it is for (composite keys as composites), records the
 * failing count and examples, an error fails the run and a warning does not, and configuration overrides a test.
 */
@QuarkusTest
class DeclaredTestsRunTests extends TransformTestsBase {

    @Inject
    DeclaredTestRepository repository;

    @Test
    void eachKindCountsItsFailuresAndKeepsExamples() throws Exception {
        database.execute("drop table if exists public.dq_items, public.dq_orders");
        database.execute("create table public.dq_orders (shop text, id int)");
        database.execute("insert into public.dq_orders values ('a', 1), ('a', 2), ('b', 1)");
        database.execute("create table public.dq_items (shop text, order_id int, item_no int, status text)");
        // (a,1,1) twice: a duplicate composite key; order_id 1 alone repeats in (a,1,2) without being one.
        // (b,9,1): an order b/9 that does not exist, though an order 9 exists in no shop and b/1 does.
        database.execute("insert into public.dq_items values ('a', 1, 1, 'paid'), ('a', 1, 1, 'paid'), ('a', 1, 2, 'paid'),"
                + " ('a', 2, 1, null), ('b', 9, 1, 'lost'), ('b', 1, 1, ''), (null, 1, 1, 'paid')");
        List<DeclaredTest> tests = DeclaredTestFile.parse("scratch", new ModelDataset.Layer("x", "public"), "tests.yml", """
                models:
                  - name: dq_items
                    key: [shop, order_id, item_no]
                    tests:
                      - unique: {columns: [shop, order_id, item_no]}
                      - unique: {columns: [shop, order_id], name: two_column_key, severity: warn}
                      - relationships: {columns: [shop, order_id], to: dq_orders, fields: [shop, id]}
                    columns:
                      - name: status
                        tests:
                          - not_null
                          - accepted_values: {values: [paid, refunded], warn_if: ">0", error_if: ">5"}
                          - accepted_values: {values: [paid], name: paid_in_shop_a, where: "shop = 'a'"}
                """);
        String run = newRunId();
        List<DeclaredTestRepository.Outcome> outcomes = repository.run(new RunContext(run, 1, "{}", AS_OF), "scratch", tests);
        assertEquals(6, outcomes.size());
        assertEquals("FAILED 1 [{\"shop\": \"a\", \"item_no\": 1, \"order_id\": 1, \"duplicate_rows\": 2}]",
                result(run, "scratch.unique_dq_items_shop__order_id__item_no"), "one composite key on two rows");
        assertEquals("WARNED 1", result(run, "scratch.two_column_key").substring(0, 8), "a/1, on three rows");
        assertEquals("FAILED 1 [{\"shop\": \"b\", \"order_id\": 9}]",
                result(run, "scratch.relationships_dq_items_shop__order_id_to_dq_orders"), "b/9 names no order");
        assertEquals("FAILED 1 [{\"shop\": \"a\", \"item_no\": 1, \"order_id\": 2}]",
                result(run, "scratch.not_null_dq_items_status"), "examples are the model's keys");
        assertEquals("WARNED 2", result(run, "scratch.accepted_values_dq_items_status").substring(0, 8),
                "'lost' and '' (nulls are not_null's): 2 rows, above warn_if, not above error_if");
        assertEquals("PASSED 0 null", result(run, "scratch.paid_in_shop_a"), "where narrows the rows");
        String details = queryForString("select details from ops.dq_results where run_id = '" + run
                + "' and check_name = 'scratch.relationships_dq_items_shop__order_id_to_dq_orders'");
        assertTrue(details.startsWith("1 rows of public.dq_items whose (shop, order_id) is not in public.dq_orders"), details);
        assertEquals("relationships public.dq_items", queryForString("select test_kind || ' ' || model from ops.dq_results"
                + " where run_id = '" + run + "' and check_name = 'scratch.relationships_dq_items_shop__order_id_to_dq_orders'"));

        repository.run(new RunContext(run, 1, "{}", AS_OF), "scratch", tests.subList(0, 1));
        assertEquals("1", queryForString("select count(*) from ops.dq_results where run_id = '" + run
                + "' and dataset = 'scratch'"), "a try replaces the dataset's results of the run");
        database.execute("drop table public.dq_items, public.dq_orders");
    }

    @Test
    void aShopifyErrorTestFailsTheRunAndAWarningIsReported() throws Exception {
        long id = Staging.nextId();
        database.execute("insert into warehouse.fact_orders (store, order_id, gid, order_name, channel, created_at,"
                + " updated_at, financial_status, fulfillment_status, currency, total_price, loaded_run_id) values"
                + " ('retail', " + id + ", 'gid://shopify/Order/" + id + "', '#" + id + "', 'B2C', now(), now(), 'PAID',"
                + " 'FULFILLED', 'USD', 1, 'dq-test')");
        database.execute("insert into warehouse.fact_refunds (store, refund_id, order_id, gid, processed_at, refund_date,"
                + " total_refunded, currency, order_updated_at, loaded_run_id) values ('retail', " + id + ", " + id
                + ", 'gid://shopify/Refund/" + id + "', now(), current_date, 0, 'USD', now(), 'dq-test')");
        // a refunded line the warehouse has no line for (warn), and a transaction kind Shopify does not have (error)
        database.execute("insert into warehouse.fact_refund_lines (store, refund_id, line_item_id, order_id, quantity,"
                + " restock_type, restocked, subtotal, currency, refund_updated_at, loaded_run_id) values ('retail', " + id
                + ", " + (id * 10) + ", " + id + ", 1, 'RETURN', true, 0, 'USD', now(), 'dq-test')");
        database.execute("insert into warehouse.fact_order_transactions (store, transaction_id, order_id, gid, kind, status,"
                + " amount, currency, order_updated_at, loaded_run_id) values ('retail', " + id + ", " + id
                + ", 'gid://shopify/OrderTransaction/" + id + "', 'BOGUS', 'SUCCESS', 1, 'USD', now(), 'dq-test')");
        try {
            String run = newRunId();
            TransformCompleted outcome = transform(run);
            assertEquals(Status.FAILED, outcome.status());
            JobResultView checks = JobResultView.of(outcome, "data_quality");
            assertTrue(checks.error().contains("shopify.accepted_values_fact_order_transactions_kind"), checks.error());
            assertTrue(outcome.jobs().stream().anyMatch(j -> j.name().equals("declared_tests.shopify")
                    && j.status() == Status.SUCCEEDED && j.rows() > 0), "the tests ran as their own job");
            assertEquals("FAILED 1 [{\"value\": \"BOGUS\", \"rows_with_value\": 1}]",
                    result(run, "shopify.accepted_values_fact_order_transactions_kind"));
            assertEquals("WARNED 1 [{\"store\": \"retail\", \"line_item_id\": " + (id * 10) + "}]",
                    result(run, "shopify.relationships_fact_refund_lines_store__line_item_id_to_fact_order_lines"));
            assertTrue(outcome.dq().warned() >= 1 && outcome.dq().failed() >= 1, outcome.dq().toString());

            database.execute("update warehouse.fact_order_transactions set kind = 'SALE' where transaction_id = " + id);
            String next = newRunId();
            TransformCompleted fixed = transform(next);
            assertEquals(Status.SUCCEEDED, fixed.status(), String.valueOf(JobResultView.of(fixed, "data_quality").error()));
            assertEquals("PASSED 0 null", result(next, "shopify.accepted_values_fact_order_transactions_kind"));
        } finally {
            database.execute("delete from warehouse.fact_order_transactions where transaction_id = " + id);
            database.execute("delete from warehouse.fact_refund_lines where refund_id = " + id);
            database.execute("delete from warehouse.fact_refunds where refund_id = " + id);
            database.execute("delete from warehouse.fact_orders where order_id = " + id);
        }
    }

    @Test
    void configurationOverridesATestOrStopsStartUpWhenItNamesNone() {
        String name = "accepted_values_fact_order_transactions_kind";
        List<DeclaredTest> tests = DeclaredTests.from(ModelDataset.all(),
                Map.of("shopify", Map.of(name, override("warn", ">3", null, true)))).of("shopify");
        DeclaredTest changed = tests.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        assertEquals(DeclaredTest.Severity.WARN, changed.severity());
        assertEquals("PASSED", changed.status(3));
        assertEquals("WARNED", changed.status(4));
        List<DeclaredTest> without = DeclaredTests.from(ModelDataset.all(),
                Map.of("shopify", Map.of(name, override(null, null, null, false)))).of("shopify");
        assertTrue(without.stream().noneMatch(t -> t.name().equals(name)));
        assertEquals(tests.size() - 1, without.size());
        String misspelt = assertThrows(IllegalStateException.class, () -> DeclaredTests.from(ModelDataset.all(),
                Map.of("shopify", Map.of("accepted_values_fact_order_transaction_kind", override("warn", null, null, true)))))
                .getMessage();
        assertTrue(misspelt.contains("pipeline.dq.tests.shopify") && misspelt.contains("accepted_values_fact_order_transaction_kind"),
                misspelt);
        String dataset = assertThrows(IllegalStateException.class, () -> DeclaredTests.from(ModelDataset.all(),
                Map.of("shopfy", Map.of(name, override("warn", null, null, true))))).getMessage();
        assertTrue(dataset.contains("shopfy"), dataset);
    }

    private static DataQualityConfig.TestOverride override(String severity, String warnIf, String errorIf, boolean enabled) {
        return new DataQualityConfig.TestOverride() {
            public Optional<String> severity() {
                return Optional.ofNullable(severity);
            }

            public Optional<String> warnIf() {
                return Optional.ofNullable(warnIf);
            }

            public Optional<String> errorIf() {
                return Optional.ofNullable(errorIf);
            }

            public boolean enabled() {
                return enabled;
            }
        };
    }

    private String result(String run, String check) throws Exception {
        return queryForString("select status || ' ' || observed || ' ' || coalesce(examples::text, 'null')"
                + " from ops.dq_results where run_id = '" + run + "' and check_name = '" + check + "'");
    }

    /** The job of an outcome by name. */
    record JobResultView(String error) {
        static JobResultView of(TransformCompleted outcome, String job) {
            return outcome.jobs().stream().filter(j -> j.name().equals(job)).findFirst()
                    .map(j -> new JobResultView(j.error())).orElseThrow(() -> new AssertionError("no job " + job));
        }
    }
}
