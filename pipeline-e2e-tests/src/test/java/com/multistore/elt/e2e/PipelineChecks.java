package com.multistore.elt.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the end-to-end tests check on a running pipeline: its runs, the warehouse reconciled exactly with what the
 * simulator serves (orders, totals, lines, customers merged by e-mail, retail-first stock, the bakery marts as of the
 * run's own "now"), and a checksum of every warehouse table for replays.
 */
final class PipelineChecks {

    /** In inventory priority order: retail first, then wholesale, then the bakery. */
    static final List<String> STORES = List.of("retail", "wholesale", "bakery");
    static final Duration RUN_BOUND = Duration.ofSeconds(240);

    private final RunningPipeline pipeline;

    PipelineChecks(RunningPipeline pipeline) {
        this.pipeline = pipeline;
    }

    // ---- the reconciliation ---------------------------------------------------------------------------------------

    void assertWarehouseMatchesTheShops(String runId) {
        Map<String, ShopTruth> truths = new HashMap<>();
        for (String store : STORES) {
            ShopTruth truth = ShopTruth.read(pipeline, store);
            truths.put(store, truth);
            JsonNode orders = truth.counts.get("orders");
            String where = " where store = '" + store + "'";
            // what the shop still has: the rows it deleted stay in the warehouse, flagged (see assertDeletionsFlagged)
            String live = where + " and deleted_at is null";
            String ofLiveOrders = where + " and order_id in (select order_id from warehouse.fact_orders" + live + ")";
            assertEquals(orders.get("count").asLong(), pipeline.number("select count(*) from warehouse.fact_orders" + live),
                    store + ": orders");
            assertEquals(0, new BigDecimal(orders.get("totalPrice").asText()).compareTo(new BigDecimal(pipeline.text(
                    "select coalesce(sum(total_price), 0)::text from warehouse.fact_orders" + live))),
                    store + ": order total " + orders.get("totalPrice").asText());
            assertEquals(orders.get("lineItems").asLong(),
                    pipeline.number("select count(*) from warehouse.fact_order_lines" + ofLiveOrders), store + ": order lines");
            assertEquals(orders.get("lineItemQuantity").asLong(), pipeline.number("select coalesce(sum(quantity), 0)"
                    + " from warehouse.fact_order_lines" + ofLiveOrders), store + ": ordered quantity of the lines");
            assertEquals(orders.get("lineItemCurrentQuantity").asLong(), pipeline.number("select coalesce(sum("
                    + "current_quantity), 0) from warehouse.fact_order_lines" + ofLiveOrders),
                    store + ": current quantity of the lines (refunded and cancelled units removed)");
            assertEquals(0, new BigDecimal(orders.get("lineItemCurrentTotal").asText()).compareTo(new BigDecimal(
                    pipeline.text("select coalesce(sum(line_total), 0)::text from warehouse.fact_order_lines" + ofLiveOrders))),
                    store + ": line totals (current quantity x unit price) " + orders.get("lineItemCurrentTotal").asText());
            assertEquals(orders.get("refunded").asLong(), pipeline.number("select count(distinct order_id) from"
                    + " warehouse.fact_refunds" + ofLiveOrders), store + ": refunded orders");
            assertEquals(0, new BigDecimal(orders.get("totalRefunded").asText()).compareTo(new BigDecimal(pipeline.text(
                    "select coalesce(sum(total_refunded), 0)::text from warehouse.fact_refunds" + ofLiveOrders))),
                    store + ": refunds " + orders.get("totalRefunded").asText());
            assertEquals(0, new BigDecimal(orders.get("totalRefunded").asText()).compareTo(new BigDecimal(pipeline.text(
                    "select coalesce(sum(amount), 0)::text from warehouse.fact_order_transactions" + ofLiveOrders
                    + " and kind = 'REFUND' and status = 'SUCCESS'"))), store + ": refund transactions");
            // the refunds' details: every refunded line, and each order line knows what was refunded of it
            assertEquals(orders.get("refundLineQuantity").asLong(), pipeline.number("select coalesce(sum(quantity), 0)"
                    + " from warehouse.fact_refund_lines" + ofLiveOrders), store + ": refunded units");
            assertEquals(0, new BigDecimal(orders.get("refundLineSubtotal").asText()).compareTo(new BigDecimal(pipeline.text(
                    "select coalesce(sum(subtotal), 0)::text from warehouse.fact_refund_lines" + ofLiveOrders))),
                    store + ": refunded subtotal " + orders.get("refundLineSubtotal").asText());
            assertEquals(orders.get("refundLineQuantity").asLong(), pipeline.number("select coalesce(sum("
                    + "refunded_quantity), 0) from warehouse.fact_order_lines" + ofLiveOrders), store + ": refunded units of the lines");
            assertEquals(0, pipeline.number("select count(*) from warehouse.fact_refunds" + ofLiveOrders
                    + " and details_updated_at is null"), store + ": every refund has its details");
            assertEquals(0, pipeline.number("select count(*) from warehouse.fact_order_transactions" + ofLiveOrders
                    + " and kind = 'REFUND' and refund_id is null"), store + ": every refund transaction names its refund");
            for (String figure : List.of("gross", "refunded", "net")) {
                String column = Map.of("gross", "gross_sales", "refunded", "refunded", "net", "net_sales").get(figure);
                assertEquals(0, new BigDecimal(orders.get("sales").get(figure).asText()).compareTo(new BigDecimal(
                        pipeline.text("select coalesce(sum(" + column + "), 0)::text from mart.net_sales_daily" + where))),
                        store + ": net sales mart, " + figure + " " + orders.get("sales").get(figure).asText());
            }
            assertEquals(orders.get("metafields").asLong(),
                    pipeline.number("select count(*) from warehouse.order_metafields" + ofLiveOrders), store + ": order metafields");
            assertEquals(truth.counts.get("customers").get("count").asLong(),
                    pipeline.number("select count(*) from warehouse.dim_customer_sources" + live), store + ": customers");
            assertEquals(truth.counts.get("products").get("count").asLong(),
                    pipeline.number("select count(*) from warehouse.dim_products" + live), store + ": products");
            assertEquals(truth.counts.get("variants").get("count").asLong(),
                    pipeline.number("select count(*) from warehouse.dim_product_variants" + live), store + ": variants");
            assertDeletionsFlagged(store, truth);
        }
        assertCustomersMergedByEmail(truths);
        assertRetailFirstStock(truths);
        assertBakeryMarts(truths.get("bakery"), runId);
    }

    /**
     * The run's reconciliation with Shopify (ops.reconciliation) found nothing to explain: per store, the records of
     * every entity, Shopify's own counts of orders, customers and products, the orders' money and units, and where the
     * run swept the store's ids, the deletions without an event, all OK (but for {@code expected}: "store entity
     * metric" -> status).
     */
    void assertReconciled(String runId, Map<String, String> expected) {
        List<String> rows = new java.util.ArrayList<>();
        for (String store : STORES) {
            List<String> metrics = new java.util.ArrayList<>(List.of("customers records", "customers shopify_count",
                    "deletions records", "inventory records", "orders line_quantity", "orders records",
                    "orders shopify_count", "orders total_price", "orders total_refunded", "products records",
                    "products shopify_count", "refunds records", "refunds refunds_listed", "refunds refund_line_quantity",
                    "refunds refund_line_subtotal"));
            if (pipeline.number("select count(*) from ops.extractor_run_items where run_id = '" + runId + "' and store = '"
                    + store + "' and entity = 'ids'") > 0) {
                metrics.addAll(List.of("ids deletions_without_event", "ids records"));
            }
            for (String metric : metrics) {
                String row = store + " " + metric;
                rows.add(row + " " + expected.getOrDefault(row, "OK"));
            }
        }
        rows.sort(null);
        assertEquals(rows, pipeline.texts("select store || ' ' || entity || ' ' || metric || ' ' || status"
                + noteIfAny() + " from ops.reconciliation where run_id = '" + runId + "' order by 1").stream()
                .map(r -> r.replaceAll(" \\(source .*$", "")).toList(),
                runId + ": every figure of every store reconciles with the source: " + pipeline.texts(
                        "select store || ' ' || entity || ' ' || metric || ' ' || status" + noteIfAny()
                        + " from ops.reconciliation where run_id = '" + runId + "' and status <> 'OK' order by 1"));
    }

    void assertReconciledExactly(String runId) {
        assertReconciled(runId, Map.of());
    }

    private static String noteIfAny() {
        return " || coalesce(' (source ' || trim_scale(source) || ', warehouse ' || trim_scale(warehouse) || ': ' || note"
                + " || ')', '')";
    }

    /**
     * Every subject the shop deleted is flagged, and nothing else: its destroy event recorded, and deleted_at on the
     * product (and its variants), the variant, the order or the store's customer record.
     */
    void assertDeletionsFlagged(String store, ShopTruth truth) {
        JsonNode subjects = truth.counts.path("deletedSubjects");
        String where = " where store = '" + store + "'";
        Map<String, String> flagged = Map.of(
                "PRODUCT", "select gid from warehouse.dim_products" + where + " and deleted_at is not null",
                "ORDER", "select gid from warehouse.fact_orders" + where + " and deleted_at is not null",
                "CUSTOMER", "select 'gid://shopify/Customer/' || customer_id from warehouse.dim_customer_sources" + where
                        + " and deleted_at is not null",
                "PRODUCT_VARIANT", "select gid from warehouse.dim_product_variants" + where + " and deleted_at is not null"
                        + " and product_id not in (select product_id from warehouse.dim_products" + where
                        + " and deleted_at is not null)");
        for (String type : List.of("PRODUCT", "PRODUCT_VARIANT", "ORDER", "CUSTOMER")) {
            List<String> expected = new java.util.ArrayList<>();
            subjects.path(type).forEach(g -> expected.add(g.asText()));
            expected.sort(null);
            assertEquals(expected, pipeline.texts("select gid from warehouse.deleted_records" + where
                    + " and subject_type = '" + type + "' order by gid"), store + ": " + type + " deletions recorded");
            assertEquals(expected, pipeline.texts(flagged.get(type) + " order by 1"), store + ": " + type + " rows flagged");
        }
    }

    /**
     * One merged customer per normalized e-mail (else per store + id), listing every store it appears in, and showing
     * the record with the latest updatedAt (ties: store, then id, as the merge orders them).
     */
    void assertCustomersMergedByEmail(Map<String, ShopTruth> truths) {
        Map<String, Set<String>> expectedStores = new TreeMap<>();
        Map<String, ShopTruth.Customer> winners = new HashMap<>();
        Comparator<ShopTruth.Customer> newestFirst = Comparator.comparing(ShopTruth.Customer::updatedAt).reversed()
                .thenComparing(ShopTruth.Customer::store).thenComparingLong(ShopTruth.Customer::id);
        for (String store : STORES) {
            for (ShopTruth.Customer c : truths.get(store).customers.values()) {
                expectedStores.computeIfAbsent(c.key(), k -> new TreeSet<>()).add(store);
                winners.merge(c.key(), c, (a, b) -> newestFirst.compare(a, b) <= 0 ? a : b);
            }
        }
        assertTrue(expectedStores.values().stream().anyMatch(s -> s.size() > 1),
                "the shops share customers (simulator shared-ratio), or this proves no merge");
        Map<String, Set<String>> actualStores = new TreeMap<>();
        Map<String, String> actualWinners = new TreeMap<>();
        try (var c = pipeline.database.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select customer_key, stores, source_store || '/' || source_customer_id || ' '"
                     + " || coalesce(last_name, '') from warehouse.dim_customers")) {
            while (rs.next()) {
                actualStores.put(rs.getString(1), new TreeSet<>(List.of((String[]) rs.getArray(2).getArray())));
                actualWinners.put(rs.getString(1), rs.getString(3));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(expectedStores, actualStores, "merged customers and the stores each appears in");
        Map<String, String> expectedWinners = new TreeMap<>();
        winners.forEach((key, c) -> expectedWinners.put(key, c.store() + "/" + c.id() + " " + Objects.toString(c.lastName(), "")));
        assertEquals(expectedWinners, actualWinners, "each merged customer shows its newest store record");
        assertEquals(0, pipeline.number("select count(*) from warehouse.fact_orders f where f.customer_key is not null"
                + " and not exists (select 1 from warehouse.dim_customers d where d.customer_key = f.customer_key)"),
                "every order's merged customer exists");
    }

    /** Retail first: each SKU's stock from the highest-priority shop that has it. */
    void assertRetailFirstStock(Map<String, ShopTruth> truths) {
        Map<String, String> expectedStore = new HashMap<>();
        Map<String, Long> expectedAvailable = new HashMap<>();
        for (String store : STORES) { // STORES is in priority order
            truths.get(store).available.forEach((sku, available) -> {
                if (expectedStore.putIfAbsent(sku, store) == null) {
                    expectedAvailable.put(sku, available);
                }
            });
        }
        Map<String, String> actualStore = new HashMap<>();
        Map<String, Long> actualAvailable = new HashMap<>();
        try (var c = pipeline.database.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select sku, store, available from warehouse.fact_current_inventory")) {
            while (rs.next()) {
                actualStore.put(rs.getString(1), rs.getString(2));
                actualAvailable.put(rs.getString(1), rs.getLong(3));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(expectedStore.values().stream().anyMatch("wholesale"::equals)
                        && expectedStore.size() < truths.get("retail").available.size() + truths.get("wholesale").available.size(),
                "some SKUs are in both shops and some only in wholesale, or this proves no priority");
        assertEquals(expectedStore, actualStore, "the store of each SKU in current inventory");
        assertEquals(expectedAvailable, actualAvailable, "the available stock of each SKU");
    }

    /**
     * The bakery marts as computed from the bakery shop's orders, as of the run's "now": the moment its transform
     * attempt was claimed, which the transformer records as ops.etl_runs.transform_started_at and merges with.
     */
    void assertBakeryMarts(ShopTruth bakery, String runId) {
        Instant asOf = Instant.parse(pipeline.text("select to_char(transform_started_at at time zone 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from ops.etl_runs where run_id = '" + runId + "'"));
        BakeryMarts expected = new BakeryMarts(bakery);
        Map<Long, String> future = expected.futureOrders(asOf);
        assertFalse(future.isEmpty(), "the bakery has orders for future events, or this proves nothing");
        Map<Long, String> actualFuture = new TreeMap<>();
        try (var c = pipeline.database.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select order_id, order_type, deposit_missing, remaining_missing from mart.future_orders"
                     + " where store = 'bakery'")) {
            while (rs.next()) {
                actualFuture.put(rs.getLong(1), rs.getString(2) + " " + rs.getBoolean(3) + " " + rs.getBoolean(4));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(future.values().stream().anyMatch(v -> v.contains("true")),
                "some future requests miss a half, or the flags prove nothing");
        assertEquals(future, actualFuture, "mart.future_orders: type, deposit missing, remaining missing per order");

        Set<String> week = expected.weekRequests(asOf, ZoneId.of(RunningPipeline.BAKERY_ZONE), DayOfWeek.MONDAY);
        assertFalse(week.isEmpty(), "the bakery has paid requests this week, or this proves nothing");
        Set<String> actualWeek = new TreeSet<>();
        try (var c = pipeline.database.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select request_key from mart.bake_schedule_week where store = 'bakery'")) {
            while (rs.next()) {
                actualWeek.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(week, actualWeek, "mart.bake_schedule_week: this week's paid requests");
    }

    // ---- runs -----------------------------------------------------------------------------------------------------

    String runToTheEnd() {
        return runToTheEnd("{\"stores\":[\"" + String.join("\",\"", STORES) + "\"]}");
    }

    String runToTheEnd(String body) {
        JsonNode answer = pipeline.post(pipeline.service("extractor-service").url() + "/runs", body, true);
        String runId = answer.path("runId").asText(null);
        assertNotNull(runId, "the extractor answers the run id: " + answer);
        assertTrue(RunningPipeline.await(RUN_BOUND, () -> List.of("SUCCEEDED", "FAILED").contains(status(runId))),
                () -> "run " + runId + " did not end within " + RUN_BOUND.toSeconds() + " s: status " + status(runId));
        return runId;
    }

    /** Starts a run and returns its id once the loader has staged its first orders: the run is in the middle. */
    String startAndAwaitFirstOrders(String body) {
        JsonNode answer = pipeline.post(pipeline.service("extractor-service").url() + "/runs", body, true);
        String runId = answer.path("runId").asText(null);
        assertNotNull(runId, "the extractor answers the run id: " + answer);
        assertTrue(RunningPipeline.await(RUN_BOUND, () -> pipeline.number(
                "select count(*) from staging.orders where run_id = '" + runId + "'") > 0),
                "the loader stages the run's first records");
        return runId;
    }

    /** Waits until the run has ended, SUCCEEDED or FAILED; {@code after} says what it went through. */
    void awaitEnd(String runId, String after) {
        assertTrue(RunningPipeline.await(RUN_BOUND, () -> List.of("SUCCEEDED", "FAILED").contains(status(runId))),
                () -> "run " + runId + " did not end " + after + ": " + status(runId));
    }

    /** Every order of the store's shop is staged by the run, once; returns how many. */
    long assertEveryOrderStagedOnce(String store, String runId) {
        long orders = ShopTruth.read(pipeline, store).counts.get("orders").get("count").asLong();
        assertEquals(orders, pipeline.number("select count(distinct gid) from staging.orders where run_id = '" + runId
                + "'"), "no order lost");
        assertEquals(orders, pipeline.number("select count(*) from staging.orders where run_id = '" + runId + "'"),
                "no order staged twice");
        return orders;
    }

    /**
     * Replays a store's business day of orders (their refunds' details follow them), customers, products and inventory
     * from the source and waits for the replay run to succeed.
     */
    String replayToTheEnd(String day, String store, String source) {
        String runId = replayUntilItEnds(day, store, source);
        assertEquals("SUCCEEDED", status(runId), () -> "replay of " + store + " " + day + " from " + source + ": "
                + runError(runId));
        return runId;
    }

    /** A loader replay of a store's day, awaited until its run ended SUCCEEDED or FAILED. */
    String replayUntilItEnds(String day, String store, String source) {
        JsonNode answer = pipeline.post(pipeline.service("loader-service").url() + "/replay",
                "{\"businessDate\":\"" + day + "\",\"stores\":[\"" + store + "\"],\"entities\":[\"orders\","
                        + "\"customers\",\"products\",\"inventory\"],\"source\":\"" + source + "\"}", true);
        String runId = answer.path("runId").asText(null);
        assertNotNull(runId, "the loader answers the replay's run id: " + answer);
        assertTrue(RunningPipeline.await(RUN_BOUND, () -> List.of("SUCCEEDED", "FAILED").contains(status(runId))),
                () -> "replay " + runId + " did not end: " + status(runId));
        assertEquals("REPLAY", pipeline.text("select trigger from ops.etl_runs where run_id = '" + runId + "'"));
        return runId;
    }

    String status(String runId) {
        return Objects.toString(pipeline.text("select status from ops.etl_runs where run_id = '" + runId + "'"), "none");
    }

    String runError(String runId) {
        return pipeline.text("select coalesce(error, '') || ' ' || coalesce((select string_agg(job || '=' || status, ', ')"
                + " from ops.etl_run_log where run_id = '" + runId + "'), '') from ops.etl_runs where run_id = '" + runId + "'");
    }

    /** A checksum per warehouse table over its rows in a fixed order, without the pipeline's own bookkeeping. */
    Map<String, String> checksums() {
        return checksums(List.of());
    }

    /**
     * As {@link #checksums()}, and the marts too: only where "now" is pinned, since a mart is as of its run's claim
     * time (this week, events still ahead).
     */
    Map<String, String> checksumsWithMarts() {
        return checksums(List.of("mart.bake_schedule_week", "mart.future_orders"));
    }

    private Map<String, String> checksums(List<String> marts) {
        Map<String, String> sums = new java.util.TreeMap<>();
        List<String> tables = new java.util.ArrayList<>();
        for (String table : List.of("dim_customers", "dim_customer_sources", "dim_products", "dim_product_variants",
                "fact_orders", "fact_order_lines", "order_metafields", "fact_refunds", "fact_refund_lines",
                "fact_order_transactions", "fact_current_inventory", "inventory_snapshot", "deleted_records")) {
            tables.add("warehouse." + table);
        }
        tables.add("mart.net_sales_daily");
        tables.addAll(marts);
        for (String table : tables) {
            sums.put(table, pipeline.text("select count(*) || ':' || coalesce(md5(string_agg(r, '|' order by r)), '') from"
                    + " (select (to_jsonb(t) - 'loaded_run_id' - 'loaded_at' - 'refreshed_at' - 'computed_run_id' - 'computed_at' - 'recorded_at'"
                    + " - 'details_run_id')::text as r"
                    + " from " + table + " t) x"));
        }
        return sums;
    }
}
