package com.multistore.elt.olist;

import com.multistore.elt.testing.PostgresDatabaseResource;
import com.multistore.elt.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated Olist database on the local PostgreSQL: the 11 tables with the public dataset's columns, the defects
 * real data has, the same rows from the same seed, and changes when the shop advances in time (new orders, orders
 * delivered, reviews written late and answered).
 */
class OlistGeneratorTests {

    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final OlistGenerator.Sizes SIZES = new OlistGenerator.Sizes(400, 30, 150, 600, 200, 60);
    private static final PostgresDatabaseResource RESOURCE = new PostgresDatabaseResource();
    private static TestDatabase database;

    @BeforeAll
    static void start() {
        RESOURCE.start();
        database = PostgresDatabaseResource.current();
    }

    @AfterAll
    static void stop() {
        RESOURCE.stop();
    }

    @Test
    void createsTheElevenTablesWithTheirDefects() throws Exception {
        try (Connection c = database.connect()) {
            new OlistGenerator(c, "olist_a", SAO_PAULO, 42).create(NOW, SIZES);
        }
        assertEquals("customers,geolocation,leads_closed,leads_qualified,order_items,order_payments,order_reviews,orders,"
                + "product_category_name_translation,products,sellers", database.queryForString("select string_agg(table_name,"
                + " ',' order by table_name) from information_schema.tables where table_schema = 'olist_a'"
                + " and table_name not like '\\_%'"));
        assertEquals("product_id,product_category_name,product_name_lenght,product_description_lenght,product_photos_qty,"
                + "product_weight_g,product_length_cm,product_height_cm,product_width_cm", columns("products"));
        assertEquals(600, count("select count(*) from olist_a.orders"));
        assertEquals(600, count("select count(*) from olist_a.customers"), "a customer row per order, as in Olist");
        assertTrue(count("select count(distinct customer_unique_id) from olist_a.customers") < 400,
                "some people ordered more than once");
        assertTrue(count("select count(*) from olist_a.orders o where not exists (select 1 from olist_a.order_items i"
                + " where i.order_id = o.order_id)") > 0, "orders without items");
        assertTrue(count("select count(*) from olist_a.order_items i join olist_a.products p using (product_id)"
                + " where p.product_category_name is null or p.product_category_name = ''") > 0
                || count("select count(*) from olist_a.products where product_category_name is null") > 0,
                "products without a category");
        assertTrue(count("select count(*) from olist_a.products p where p.product_category_name <> '' and not exists"
                + " (select 1 from olist_a.product_category_name_translation t"
                + "  where t.product_category_name = p.product_category_name)") > 0, "categories without a translation");
        assertEquals(3, count("select count(*) from olist_a.order_reviews r where not exists (select 1 from olist_a.orders o"
                + " where o.order_id = r.order_id)"), "reviews of unknown orders");
        assertTrue(count("select count(*) from olist_a.customers where customer_zip_code_prefix like '0%'") > 0,
                "zip prefixes with leading zeros, kept as text");
        assertTrue(count("select count(*) from olist_a.order_reviews where review_comment_title = ''") > 0,
                "empty strings for nulls");
        assertTrue(count("select count(*) from olist_a.leads_closed c join olist_a.sellers s using (seller_id)") > 0);
        assertEquals(0, count("select count(*) from olist_a.orders where order_status = 'delivered'"
                + " and (order_delivered_customer_date is null or order_delivered_carrier_date is null)"));
        assertEquals(0, count("select count(*) from olist_a.orders where order_purchase_timestamp"
                + " > (timestamptz '" + NOW + "' at time zone 'America/Sao_Paulo')"), "nothing after now, in local time");
        assertTrue(count("select count(*) from olist_a.orders where order_status in ('approved', 'shipped', 'created')") > 0,
                "recent orders still on their way");
        assertEquals(0, count("select count(*) from (select o.order_id from olist_a.orders o"
                + " join olist_a.order_items i using (order_id) group by o.order_id"
                + " having sum(i.price + i.freight_value) <> (select sum(payment_value) from olist_a.order_payments p"
                + " where p.order_id = o.order_id)) d"), "payments add up to the items and freight");
    }

    @Test
    void theSameSeedGivesTheSameRows() throws Exception {
        try (Connection c = database.connect()) {
            new OlistGenerator(c, "olist_b", SAO_PAULO, 42).create(NOW, SIZES);
            new OlistGenerator(c, "olist_c", SAO_PAULO, 42).create(NOW, SIZES);
            new OlistGenerator(c, "olist_d", SAO_PAULO, 43).create(NOW, SIZES);
        }
        String fingerprint = "select md5(string_agg(o::text, '|' order by order_id)) from %s.orders o";
        assertEquals(database.queryForString(fingerprint.formatted("olist_b")),
                database.queryForString(fingerprint.formatted("olist_c")));
        assertTrue(!database.queryForString(fingerprint.formatted("olist_b"))
                .equals(database.queryForString(fingerprint.formatted("olist_d"))));
        try (Connection c = database.connect()) {
            assertThrows(Exception.class, () -> new OlistGenerator(c, "olist_b", SAO_PAULO, 42).create(NOW, SIZES),
                    "the tables exist: create refuses");
        }
    }

    @Test
    void advancingAddsOrdersDeliversAndReviews() throws Exception {
        OlistGenerator.Summary day;
        try (Connection c = database.connect()) {
            OlistGenerator generator = new OlistGenerator(c, "olist_e", SAO_PAULO, 42);
            generator.create(NOW, SIZES);
            database.execute("create table olist_e.before as select o.*, (select count(*) from olist_e.order_reviews r"
                    + " where r.order_id = o.order_id) as reviews from olist_e.orders o");
            database.execute("create table olist_e.reviews_before as select * from olist_e.order_reviews");
            database.execute("create table olist_e.items_before as select * from olist_e.order_items");
            day = generator.advance(NOW.plus(Duration.ofDays(3)));
            assertThrows(IllegalArgumentException.class, () -> generator.advance(NOW), "time only moves on");
        }
        assertTrue(day.newOrders() > 0 && day.ordersChanged() > 0 && day.reviewsAdded() > 0, day.toString());
        assertEquals(600 + day.newOrders(), count("select count(*) from olist_e.orders"));
        assertTrue(count("select count(*) from olist_e.orders o join olist_e.before b using (order_id)"
                + " where b.order_status = 'shipped' and o.order_status = 'delivered'") > 0, "shipped orders delivered");
        assertEquals(day.ordersChanged(), count("select count(*) from olist_e.orders o join olist_e.before b using (order_id)"
                + " where (o.order_status, o.order_approved_at, o.order_delivered_carrier_date, o.order_delivered_customer_date)"
                + " is distinct from (b.order_status, b.order_approved_at, b.order_delivered_carrier_date,"
                + " b.order_delivered_customer_date)"));
        assertEquals(0, count("select count(*) from olist_e.orders o join olist_e.before b using (order_id)"
                + " where o.order_status <> b.order_status and greatest(o.order_purchase_timestamp, o.order_approved_at,"
                + " o.order_delivered_carrier_date, o.order_delivered_customer_date) <= greatest(b.order_purchase_timestamp,"
                + " b.order_approved_at, b.order_delivered_carrier_date, b.order_delivered_customer_date)"),
                "a status change moves the order's latest timestamp (the extraction cursor)");
        assertTrue(count("select count(*) from olist_e.order_reviews r join olist_e.before b using (order_id)"
                + " where b.reviews = 0 and b.order_status = 'delivered'") > 0, "a review of an order delivered earlier");
        assertEquals(day.reviewsAnswered(), count("select count(*) from olist_e.order_reviews r"
                + " join olist_e.reviews_before p using (review_id, order_id)"
                + " where p.review_answer_timestamp is null and r.review_answer_timestamp is not null"));
        assertEquals(0, count("select count(*) from (select i.* from olist_e.order_items i join olist_e.before b"
                + " using (order_id) except select * from olist_e.items_before) d"), "items of old orders do not change");
        assertEquals(count("select count(*) from olist_e.items_before"), count("select count(*) from olist_e.order_items i"
                + " join olist_e.before b using (order_id)"));
    }

    private static long count(String sql) throws Exception {
        return database.queryForLong(sql);
    }

    private static String columns(String table) throws Exception {
        return database.queryForString("select string_agg(column_name, ',' order by ordinal_position)"
                + " from information_schema.columns where table_schema = 'olist_a' and table_name = '" + table + "'");
    }
}
