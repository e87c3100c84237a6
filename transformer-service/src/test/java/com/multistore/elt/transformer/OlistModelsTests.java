package com.multistore.elt.transformer;

import com.multistore.elt.testing.OlistSourceDatabase;
import com.multistore.elt.transformer.model.DeclaredTest;
import com.multistore.elt.transformer.model.ModelDataset;
import com.multistore.elt.transformer.repository.DeclaredTestRepository;
import com.multistore.elt.transformer.repository.MergeScriptRunner;
import com.multistore.elt.transformer.service.DeclaredTests;
import com.multistore.elt.transformer.service.RunContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Olist dataset's models on a generated Olist database: the source's rows staged as the extractor stages them
 * (staging.source_records, the columns as JSON with their types), the staging, intermediate and mart models run, and the
 * marts compared with an independent computation on the source, on a first load and again after the shop moved on
 * (new orders, deliveries, late reviews: the second run stages only the window's rows). The declared tests report the
 * public data's known defects as warnings with their counts, and an item of an unknown order as an error.
 */
@QuarkusTest
class OlistModelsTests extends TransformTestsBase {

    private static final Instant FIRST = Instant.parse("2026-11-20T15:00:00Z");
    private static final ZoneId ZONE = ZoneId.of(OlistSourceDatabase.ZONE);
    private static final String ORDERS_CURSOR = "greatest(o.order_purchase_timestamp, o.order_approved_at,"
            + " o.order_delivered_carrier_date, o.order_delivered_customer_date)";

    @Inject
    MergeScriptRunner scripts;

    @Inject
    DeclaredTestRepository testResults;

    @Inject
    DeclaredTests declaredTests;

    @Test
    void theMartsEqualTheSourceOnAFirstLoadAndAfterTheShopMovesOn() throws Exception {
        database.execute("drop schema if exists olist_src cascade");
        OlistSourceDatabase.create(database, "olist_src", FIRST, 500);
        String first = newRunId();
        stage(first, null, FIRST);
        model(first);
        assertMartsEqualTheSource(FIRST);

        List<DeclaredTestRepository.Outcome> outcomes = testResults.run(context(first), "olist", declaredTests.of("olist"));
        Map<String, String> status = outcomes.stream().collect(Collectors.toMap(o -> o.test().name(),
                o -> o.status() + " " + o.failures()));
        assertTrue(outcomes.stream().noneMatch(o -> o.status().equals("FAILED")), status.toString());
        assertEquals("WARNED 3", status.get("relationships_order_reviews_source__order_id_to_orders"),
                "the generated reviews of unknown orders, counted");
        assertTrue(status.get("relationships_products_source__product_category_name_to_product_category_name_translation")
                .startsWith("WARNED"), "categories without a translation: " + status);

        // a broken relationship in the source: an item whose order does not exist
        database.execute("insert into olist_src.order_items values ('no-such-order', 1,"
                + " (select min(product_id) from olist_src.products), (select min(seller_id) from olist_src.sellers),"
                + " '2026-11-01 10:00:00', 10.00, 1.00)");
        database.execute("insert into olist_staging.order_items (source, order_id, order_item_id, product_id, seller_id,"
                + " price, freight_value, loaded_run_id) select 'olist', order_id, order_item_id, product_id, seller_id,"
                + " price, freight_value, 'test' from olist_src.order_items where order_id = 'no-such-order'");
        List<DeclaredTestRepository.Outcome> broken = testResults.run(context(first), "olist", declaredTests.of("olist"));
        DeclaredTestRepository.Outcome orphan = broken.stream()
                .filter(o -> o.test().name().equals("relationships_order_items_source__order_id_to_orders"))
                .findFirst().orElseThrow();
        assertEquals("FAILED", orphan.status());
        assertEquals(1, orphan.failures());
        assertTrue(orphan.examples().contains("no-such-order"), orphan.examples());
        assertEquals(DeclaredTest.Severity.ERROR, orphan.test().severity());
        database.execute("delete from olist_staging.order_items where order_id = 'no-such-order'");
        database.execute("delete from olist_src.order_items where order_id = 'no-such-order'");

        // the shop moves on two days: new orders, deliveries, reviews; the second run stages only its window
        database.execute("create table olist_src.delivered_before as select order_id from olist_src.orders"
                + " where order_status = 'delivered'");
        Instant second = FIRST.plus(Duration.ofDays(2));
        OlistSourceDatabase.advance(database, "olist_src", second);
        String next = newRunId();
        long staged = stage(next, FIRST.minus(Duration.ofMinutes(10)), second);
        assertTrue(staged < count("select count(*) from olist_src.orders"), "only the window's orders: " + staged);
        model(next);
        assertMartsEqualTheSource(second);
        assertTrue(count("select count(*) from olist.fct_orders f where f.source = 'olist' and f.order_status = 'delivered'"
                + " and f.order_id not in (select order_id from olist_src.delivered_before)") > 0, "orders delivered since");
    }

    /**
     * The marts against the source as the runs so far have read it: the orders (and their children) and reviews whose
     * cursor is below the last run's upper bound (a row written at that very moment belongs to the next run).
     */
    private void assertMartsEqualTheSource(Instant upper) throws Exception {
        String up = "'" + LocalDateTime.ofInstant(upper, ZONE) + "'";
        String orders = "(select * from olist_src.orders o where " + ORDERS_CURSOR + " < " + up + ")";
        assertEquals(count("select count(*) from " + orders + " o"),
                count("select count(*) from olist.fct_orders where source = 'olist'"));
        assertEquals(count("select count(*) from olist_src.order_items join " + orders + " o using (order_id)"),
                count("select count(*) from olist.fct_order_items where source = 'olist'"));
        assertEquals(count("select count(*) from olist_src.order_reviews where greatest(review_creation_date,"
                + " review_answer_timestamp) < " + up), count("select count(*) from olist.fct_reviews where source = 'olist'"),
                "every review, the late ones too");
        String daily = "select o.order_purchase_timestamp::date as d, count(*) as orders, coalesce(sum(i.n), 0) as items,"
                + " coalesce(sum(i.price), 0) as items_total, coalesce(sum(i.freight), 0) as freight_total,"
                + " coalesce(sum(p.paid), 0) as paid_total"
                + " from " + orders + " o"
                + " left join (select order_id, count(*) n, sum(price) price, sum(freight_value) freight"
                + "            from olist_src.order_items group by order_id) i using (order_id)"
                + " left join (select order_id, sum(payment_value) paid from olist_src.order_payments group by order_id) p"
                + "        using (order_id)"
                + " where o.order_status not in ('canceled', 'unavailable') group by 1";
        String mart = "select sales_date as d, orders, items, items_total, freight_total, paid_total from olist.daily_sales"
                + " where source = 'olist'";
        assertTrue(count("select count(*) from (" + daily + ") s") > 20);
        assertEquals(0, count("select count(*) from ((" + daily + ") except (" + mart + ")) a"), "daily sales as the source says");
        assertEquals(0, count("select count(*) from ((" + mart + ") except (" + daily + ")) a"), "and nothing else");
        String delivery = "select c.customer_state, count(*), count(*) filter (where o.order_delivered_customer_date::date"
                + " > o.order_estimated_delivery_date::date) from " + orders + " o join olist_src.customers c using (customer_id)"
                + " where o.order_status = 'delivered' group by 1";
        String deliveryMart = "select customer_state, delivered_orders, late_orders from olist.delivery_performance_by_state"
                + " where source = 'olist'";
        assertEquals(0, count("select count(*) from ((" + delivery + ") except (" + deliveryMart + ")) a"));
        assertEquals(0, count("select count(*) from ((" + deliveryMart + ") except (" + delivery + ")) a"));
        String funnel = "select coalesce(nullif(lower(trim(q.origin)), ''), 'unknown'), count(*), count(c.mql_id)"
                + " from olist_src.leads_qualified q left join olist_src.leads_closed c using (mql_id) group by 1";
        String funnelMart = "select origin, qualified_leads, closed_deals from olist.seller_funnel where source = 'olist'";
        assertEquals(0, count("select count(*) from ((" + funnel + ") except (" + funnelMart + ")) a"));
        assertEquals(0, count("select count(*) from ((" + funnelMart + ") except (" + funnel + ")) a"));
        assertEquals(count("select count(distinct customer_unique_id) from olist_src.customers"),
                count("select count(*) from olist.dim_customers where source = 'olist'"), "one row per person");
        assertEquals(count("select sum(payment_value) * 100 from olist_src.order_payments"),
                count("select sum(paid_total) * 100 from olist.dim_customers where source = 'olist'"),
                "every payment belongs to one person, to the cent");
    }

    /**
     * Stages the source's rows as a run of the extractor would: orders and reviews by their cursor in [lower, upper)
     * (local times of the shop), items and payments of those orders, the small tables whole; with each stream's load.
     */
    private long stage(String run, Instant lower, Instant upper) throws Exception {
        String up = "'" + LocalDateTime.ofInstant(upper, ZONE) + "'";
        String low = lower == null ? "" : " and %s >= '" + LocalDateTime.ofInstant(lower, ZONE) + "'";
        String orderWindow = ORDERS_CURSOR + " < " + up + low.formatted(ORDERS_CURSOR);
        String reviewCursor = "greatest(t.review_creation_date, t.review_answer_timestamp)";
        stream(run, "orders", "olist_src.orders o", "o", "o.order_id", ORDERS_CURSOR, orderWindow);
        stream(run, "order_items", "olist_src.order_items t join olist_src.orders o using (order_id)", "t",
                "t.order_id || '/' || t.order_item_id", ORDERS_CURSOR, orderWindow);
        stream(run, "order_payments", "olist_src.order_payments t join olist_src.orders o using (order_id)", "t",
                "t.order_id || '/' || t.payment_sequential", ORDERS_CURSOR, orderWindow);
        stream(run, "order_reviews", "olist_src.order_reviews t", "t", "t.review_id || '/' || t.order_id", reviewCursor,
                reviewCursor + " < " + up + low.formatted(reviewCursor));
        for (String[] snapshot : new String[][]{{"customers", "customer_id"}, {"products", "product_id"},
                {"sellers", "seller_id"}, {"product_category_name_translation", "product_category_name"},
                {"leads_qualified", "mql_id"}, {"leads_closed", "mql_id"},
                {"geolocation", "geolocation_zip_code_prefix || '/' || t.geolocation_lat || '/' || t.geolocation_lng"}}) {
            stream(run, snapshot[0], "olist_src." + snapshot[0] + " t", "t", "t." + snapshot[1], null, "true");
        }
        return count("select count(*) from staging.source_records where run_id = '" + run + "' and entity = 'orders'");
    }

    private void stream(String run, String stream, String from, String alias, String gid, String cursor, String where)
            throws Exception {
        database.execute("insert into staging.source_records (run_id, store, entity, gid, source_updated_at,"
                + " extracted_at, payload, kafka_topic, kafka_partition, kafka_offset)"
                + " select '" + run + "', 'olist', '" + stream + "', " + gid + ", "
                + (cursor == null ? "null" : "(" + cursor + ") at time zone '" + ZONE + "'") + ", now(), to_jsonb(" + alias
                + "), 'olist." + stream + ".raw', 0, row_number() over () from " + from + " where " + where);
        database.execute("insert into ops.etl_run_loads (run_id, store, entity, status, staged_count) values ('" + run
                + "', 'olist', '" + stream + "', 'SUCCEEDED', (select count(*) from staging.source_records where run_id = '"
                + run + "' and entity = '" + stream + "'))");
    }

    private void model(String run) throws Exception {
        for (String model : ModelDataset.OLIST.models()) {
            scripts.run(context(run), ModelDataset.OLIST.modelFile(model), Map.of("etl.dataset_sources", "olist"));
        }
    }

    private static RunContext context(String run) {
        return new RunContext(run, 1, "{}", AS_OF);
    }

    private long count(String sql) throws Exception {
        return database.queryForLong(sql);
    }
}
