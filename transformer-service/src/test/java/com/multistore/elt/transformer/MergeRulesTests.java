package com.multistore.elt.transformer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import static com.multistore.elt.transformer.Staging.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The warehouse rules on the real PostgreSQL, with hand-built staging rows, including the naive-merge breakers. */
@QuarkusTest
class MergeRulesTests extends TransformTestsBase {

    private static final ZoneId BAKERY_ZONE = ZoneId.of("Asia/Kolkata");

    /**
     * Current inventory comes from each store's newest snapshot, and the tests of this class share a warehouse: a test
     * that asserts current stock takes its days from here, each later than any day taken before, in any test order.
     */
    private static final java.util.concurrent.atomic.AtomicInteger LATEST_DAYS = new java.util.concurrent.atomic.AtomicInteger();

    private static LocalDate nextLatestDay() {
        return LocalDate.of(2027, 1, 1).plusDays(LATEST_DAYS.getAndIncrement());
    }

    @Test
    void theSameCustomerInBothStoresKeepsTheNewestRecordWhenTheOlderArrivesLast() throws Exception {
        String email = "jane+" + UUID.randomUUID() + "@example.com";
        long wholesaleId = Staging.nextId();
        long retailId = Staging.nextId();
        String run1 = newRunId();
        stage(database, "customers", run1, "wholesale", Staging.customer(wholesaleId, "  " + email.toUpperCase() + " ",
                "Newest", "2026-11-21T10:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run1).status());

        String run2 = newRunId();
        stage(database, "customers", run2, "retail", Staging.customer(retailId, email, "Oldest", "2026-11-01T10:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run2).status());

        String key = "'email:" + email + "'";
        assertEquals(1, database.queryForLong("select count(*) from warehouse.dim_customers where customer_key = " + key));
        assertEquals("Newest", queryForString("select first_name from warehouse.dim_customers where customer_key = " + key));
        assertEquals("wholesale", queryForString("select source_store from warehouse.dim_customers where customer_key = " + key));
        assertEquals("{retail,wholesale}", queryForString("select stores::text from warehouse.dim_customers where customer_key = " + key));
        assertEquals(2, database.queryForLong("select count(*) from warehouse.dim_customer_sources where customer_key = " + key));
    }

    @Test
    void whenTheWinningRecordChangesItsEmailTheCustomerItLeftShowsTheOtherStoresRecord() throws Exception {
        String email = "shared+" + UUID.randomUUID() + "@example.com";
        String newEmail = "moved+" + UUID.randomUUID() + "@example.com";
        long wholesaleId = Staging.nextId();
        long retailId = Staging.nextId();
        String run1 = newRunId();
        stage(database, "customers", run1, "wholesale", Staging.customer(wholesaleId, email, "Wanda", "2026-11-20T10:00:00Z"));
        stage(database, "customers", run1, "retail", Staging.customer(retailId, email, "Rita", "2026-11-21T10:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run1).status());
        String key = "'email:" + email + "'";
        assertEquals("Rita", queryForString("select first_name from warehouse.dim_customers where customer_key = " + key));

        String run2 = newRunId();
        stage(database, "customers", run2, "retail", Staging.customer(retailId, newEmail, "Rita", "2026-11-22T10:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run2).status());

        assertEquals("Wanda wholesale " + wholesaleId + " {wholesale} 2026-11-20 10:00:00+00", queryForString(
                "select first_name || ' ' || source_store || ' ' || source_customer_id || ' ' || stores::text || ' '"
                        + " || (updated_at at time zone 'UTC')::text || '+00' from warehouse.dim_customers where customer_key = " + key));
        assertEquals("Rita retail {retail}", queryForString("select first_name || ' ' || source_store || ' ' || stores::text"
                + " from warehouse.dim_customers where customer_key = 'email:" + newEmail + "'"));
    }

    @Test
    void aCustomerWithoutEmailIsKeyedByStoreAndIdAndTheirOrdersFollowTheMergedKey() throws Exception {
        long id = Staging.nextId();
        long orderId = Staging.nextId();
        String run = newRunId();
        stage(database, "customers", run, "retail", Staging.customer(id, null, "Nomail", "2026-11-21T10:00:00Z"));
        stage(database, "orders", run, "retail", Staging.order(orderId, "2026-11-21T11:00:00Z", "PAID", id));
        assertEquals(Status.SUCCEEDED, transform(run).status());

        assertEquals("store:retail/" + id, queryForString("select customer_key from warehouse.fact_orders"
                + " where store = 'retail' and order_id = " + orderId));
        assertEquals("Nomail", queryForString("select first_name from warehouse.dim_customers where customer_key = 'store:retail/" + id + "'"));
    }

    @Test
    void aCustomerWhoGainsAnEmailMovesToTheEmailKeyWithTheirOrders() throws Exception {
        long id = Staging.nextId();
        long orderId = Staging.nextId();
        String email = "later+" + UUID.randomUUID() + "@example.com";
        String run1 = newRunId();
        stage(database, "customers", run1, "wholesale", Staging.customer(id, null, "Lee", "2026-11-20T10:00:00Z"));
        stage(database, "orders", run1, "wholesale", Staging.order(orderId, "2026-11-20T11:00:00Z", "PAID", id));
        assertEquals(Status.SUCCEEDED, transform(run1).status());
        String run2 = newRunId();
        stage(database, "customers", run2, "wholesale", Staging.customer(id, email, "Lee", "2026-11-21T10:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run2).status());

        assertEquals("email:" + email, queryForString("select customer_key from warehouse.fact_orders"
                + " where store = 'wholesale' and order_id = " + orderId));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.dim_customers where customer_key = 'store:wholesale/" + id + "'"));
        assertEquals("{wholesale}", queryForString("select stores::text from warehouse.dim_customers where customer_key = 'email:" + email + "'"));
    }

    @Test
    void theLatestOrderVersionDecidesItsCustomerIncludingNone() throws Exception {
        long ann = Staging.nextId();
        long bob = Staging.nextId();
        long orderId = Staging.nextId();
        String annEmail = "ann+" + UUID.randomUUID() + "@example.com";
        String bobEmail = "bob+" + UUID.randomUUID() + "@example.com";
        String where = " from warehouse.fact_orders where store = 'retail' and order_id = " + orderId;

        String run1 = newRunId();
        stage(database, "customers", run1, "retail", Staging.customer(ann, annEmail, "Ann", "2026-11-20T09:00:00Z"));
        stage(database, "orders", run1, "retail", Staging.order(orderId, "2026-11-20T10:00:00Z", "PAID", ann));
        assertEquals(Status.SUCCEEDED, transform(run1).status());
        assertEquals("email:" + annEmail, queryForString("select customer_key" + where));

        // reassigned to a customer whose record has not arrived yet: not Ann's key any more, none until Bob's arrives
        String run2 = newRunId();
        stage(database, "orders", run2, "retail", Staging.order(orderId, "2026-11-21T10:00:00Z", "PAID", bob));
        assertEquals(Status.SUCCEEDED, transform(run2).status());
        assertEquals(bob, database.queryForLong("select customer_id" + where));
        assertEquals(1, database.queryForLong("select count(*)" + where + " and customer_key is null"),
                "the order no longer shows Ann");

        String run3 = newRunId();
        stage(database, "customers", run3, "retail", Staging.customer(bob, bobEmail, "Bob", "2026-11-21T09:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run3).status());
        assertEquals("email:" + bobEmail, queryForString("select customer_key" + where), "the order follows Bob's record");

        // the customer removed from the order: none
        String run4 = newRunId();
        stage(database, "orders", run4, "retail", Staging.order(orderId, "2026-11-22T10:00:00Z", "PAID", null));
        assertEquals(Status.SUCCEEDED, transform(run4).status());
        assertEquals(1, database.queryForLong("select count(*)" + where + " and customer_id is null and customer_key is null"));
    }

    @Test
    void anOrderWhoseStatusChangesBetweenRunsIsUpdated() throws Exception {
        long orderId = Staging.nextId();
        String run1 = newRunId();
        stage(database, "orders", run1, "retail", Staging.order(orderId, "2026-11-20T10:00:00Z", "PENDING", null));
        assertEquals(Status.SUCCEEDED, transform(run1).status());
        String run2 = newRunId();
        ObjectNode paid = Staging.order(orderId, "2026-11-21T10:00:00Z", "PAID", null);
        paid.put("displayFulfillmentStatus", "FULFILLED");
        stage(database, "orders", run2, "retail", paid);
        assertEquals(Status.SUCCEEDED, transform(run2).status());

        String where = " from warehouse.fact_orders where store = 'retail' and order_id = " + orderId;
        assertEquals("PAID", queryForString("select financial_status" + where));
        assertEquals("FULFILLED", queryForString("select fulfillment_status" + where));
        assertEquals(run2, queryForString("select loaded_run_id" + where));
        assertEquals(1, database.queryForLong("select count(*)" + where));
    }

    @Test
    void anOlderReDeliveredOrderDoesNotWinNorChangeItsLines() throws Exception {
        long orderId = Staging.nextId();
        String run1 = newRunId();
        ObjectNode current = Staging.order(orderId, "2026-11-21T10:00:00Z", "REFUNDED", null);
        ((ObjectNode) current.at("/lineItems/nodes/0")).put("quantity", 3);
        stage(database, "orders", run1, "retail", current);
        assertEquals(Status.SUCCEEDED, transform(run1).status());

        String run2 = newRunId();
        ObjectNode older = Staging.order(orderId, "2026-11-19T10:00:00Z", "PAID", null);
        Staging.addLine(older, orderId * 10 + 2, "OLD-LINE", 1, "9.99", "0.0");
        stage(database, "orders", run2, "retail", older);
        TransformCompleted second = transform(run2);
        assertEquals(Status.SUCCEEDED, second.status());
        assertEquals(0, rows(second, "fact_orders"), "a job's rows are the rows it merged, not the rows staged");
        assertEquals(0, rows(second, "fact_order_lines"));

        String where = " where store = 'retail' and order_id = " + orderId;
        assertEquals("REFUNDED", queryForString("select financial_status from warehouse.fact_orders" + where));
        assertEquals(run1, queryForString("select loaded_run_id from warehouse.fact_orders" + where));
        assertEquals(1, database.queryForLong("select count(*) from warehouse.fact_order_lines" + where));
        assertEquals(3, database.queryForLong("select quantity from warehouse.fact_order_lines" + where));
    }

    @Test
    void anOrderWithoutACustomerIsKeptWithoutCustomerKeys() throws Exception {
        long orderId = Staging.nextId();
        String run = newRunId();
        stage(database, "orders", run, "wholesale", Staging.order(orderId, "2026-11-21T10:00:00Z", "PAID", null));
        TransformCompleted outcome = transform(run);
        assertEquals(Status.SUCCEEDED, outcome.status());

        String where = " from warehouse.fact_orders where store = 'wholesale' and order_id = " + orderId;
        assertEquals(1, database.queryForLong("select count(*)" + where + " and customer_id is null and customer_key is null"));
        assertEquals("B2B", queryForString("select channel" + where));
    }

    @Test
    void linesCarryQuantityTimesUnitPriceAndDiscountsAndEditsRemoveLines() throws Exception {
        long orderId = Staging.nextId();
        String run1 = newRunId();
        ObjectNode order = Staging.order(orderId, "2026-11-20T10:00:00Z", "PAID", null);
        Staging.addLine(order, orderId * 10 + 2, "COOKIE-BOX", 4, "3.25", "1.50");
        stage(database, "orders", run1, "retail", order);
        assertEquals(Status.SUCCEEDED, transform(run1).status());

        String line = " from warehouse.fact_order_lines where store = 'retail' and line_item_id = " + (orderId * 10 + 2);
        assertEquals("13.0000", queryForString("select line_total" + line));
        assertEquals("1.5000", queryForString("select discount_total" + line));
        assertEquals("USD", queryForString("select currency" + line));
        assertEquals("45.0000", queryForString("select line_total from warehouse.fact_order_lines where store = 'retail'"
                + " and line_item_id = " + (orderId * 10 + 1)));

        String run2 = newRunId();
        ObjectNode edited = Staging.order(orderId, "2026-11-21T10:00:00Z", "PAID", null);
        ((ObjectNode) edited.at("/lineItems/nodes/0")).put("quantity", 5).put("currentQuantity", 5);
        stage(database, "orders", run2, "retail", edited);
        assertEquals(Status.SUCCEEDED, transform(run2).status());
        assertEquals(1, database.queryForLong("select count(*) from warehouse.fact_order_lines where store = 'retail'"
                + " and order_id = " + orderId));
        assertEquals("5 112.5000", queryForString("select quantity || ' ' || line_total from warehouse.fact_order_lines"
                + " where store = 'retail' and line_item_id = " + (orderId * 10 + 1)));
    }

    @Test
    void linesCarryTheOrderedAndTheCurrentQuantityAndTheTotalOfTheCurrentOne() throws Exception {
        long orderId = Staging.nextId();
        long lineId = orderId * 10 + 2;
        String run1 = newRunId();
        ObjectNode order = Staging.order(orderId, "2026-11-20T10:00:00Z", "PARTIALLY_REFUNDED", null);
        Staging.addLine(order, lineId, "COOKIE-BOX", 4, "3.25", "0.0");
        ((ObjectNode) order.at("/lineItems/nodes/1")).put("currentQuantity", 1); // three of four refunded
        stage(database, "orders", run1, "retail", order);
        assertEquals(Status.SUCCEEDED, transform(run1).status());

        String line = " from warehouse.fact_order_lines where store = 'retail' and line_item_id = " + lineId;
        assertEquals("4 1 3.2500", queryForString("select quantity || ' ' || current_quantity || ' ' || line_total" + line));

        // the last unit refunded later: only the current quantity and the total change
        String run2 = newRunId();
        ObjectNode refunded = Staging.order(orderId, "2026-11-21T10:00:00Z", "REFUNDED", null);
        Staging.addLine(refunded, lineId, "COOKIE-BOX", 4, "3.25", "0.0");
        ((ObjectNode) refunded.at("/lineItems/nodes/1")).put("currentQuantity", 0);
        stage(database, "orders", run2, "retail", refunded);
        assertEquals(Status.SUCCEEDED, transform(run2).status());
        assertEquals("4 0 0.0000", queryForString("select quantity || ' ' || current_quantity || ' ' || line_total" + line));
    }

    @Test
    void anOlderVersionOfAProductOrAVariantNeverOverwritesANewerOne() throws Exception {
        long productId = Staging.nextId();
        long variantId = Staging.nextId();
        String run1 = newRunId();
        ObjectNode newer = Staging.product(productId, variantId, "GUARD-" + productId, Staging.nextId(), "5.00");
        newer.put("title", "Newer title").put("updatedAt", "2026-11-21T10:00:00Z");
        ((ObjectNode) newer.at("/variants/nodes/0")).put("updatedAt", "2026-11-21T10:00:00Z");
        stage(database, "products", run1, "retail", newer);
        TransformCompleted first = transform(run1);
        assertEquals(Status.SUCCEEDED, first.status());
        assertEquals(1, rows(first, "dim_products"));
        assertEquals(1, rows(first, "dim_product_variants"));

        // a later run brings an older version of both (a re-delivery, or a replay of an earlier day)
        String run2 = newRunId();
        ObjectNode older = Staging.product(productId, variantId, "GUARD-" + productId, Staging.nextId(), "9.00");
        older.put("title", "Older title").put("updatedAt", "2026-11-19T10:00:00Z");
        ((ObjectNode) older.at("/variants/nodes/0")).put("updatedAt", "2026-11-19T10:00:00Z");
        stage(database, "products", run2, "retail", older);
        TransformCompleted second = transform(run2);
        assertEquals(Status.SUCCEEDED, second.status());
        assertEquals("Newer title " + run1, queryForString("select title || ' ' || loaded_run_id from warehouse.dim_products"
                + " where store = 'retail' and product_id = " + productId));
        assertEquals("5.0000 " + run1, queryForString("select price || ' ' || loaded_run_id"
                + " from warehouse.dim_product_variants where store = 'retail' and variant_id = " + variantId));
        assertEquals(0, rows(second, "dim_products"), "nothing merged");
        assertEquals(0, rows(second, "dim_product_variants"));
    }

    @Test
    void anOlderVersionOfAStoresCustomerNeverReplacesItsNewerRecord() throws Exception {
        long id = Staging.nextId();
        String email = "newer+" + UUID.randomUUID() + "@example.com";
        String oldEmail = "older+" + UUID.randomUUID() + "@example.com";
        String run1 = newRunId();
        stage(database, "customers", run1, "retail", Staging.customer(id, email, "Newer", "2026-11-21T10:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run1).status());

        String run2 = newRunId();
        stage(database, "customers", run2, "retail", Staging.customer(id, oldEmail, "Older", "2026-11-10T10:00:00Z"));
        TransformCompleted second = transform(run2);
        assertEquals(Status.SUCCEEDED, second.status());
        assertEquals("email:" + email + " Newer", queryForString("select customer_key || ' ' || first_name"
                + " from warehouse.dim_customer_sources where store = 'retail' and customer_id = " + id));
        assertEquals("Newer", queryForString("select first_name from warehouse.dim_customers"
                + " where customer_key = 'email:" + email + "'"));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.dim_customers"
                + " where customer_key = 'email:" + oldEmail + "'"), "the older e-mail gets no customer");
        assertEquals(0, rows(second, "dim_customers"));
    }

    @Test
    void refundsAreDatedWhenProcessedInTheStoresZoneAndNetSalesTakeThemOffThatDay() throws Exception {
        long orderId = Staging.nextId();
        String run1 = newRunId();
        ObjectNode order = Staging.order(orderId, "2025-03-09T00:00:00Z", "PARTIALLY_REFUNDED", null);
        order.put("createdAt", "2025-03-03T10:00:00Z");
        String sale = "gid://shopify/OrderTransaction/" + (orderId * 10 + 1);
        ((ArrayNode) order.get("refunds")).addObject().put("id", "gid://shopify/Refund/" + orderId)
                .put("createdAt", "2025-03-08T20:00:00Z").put("processedAt", "2025-03-08T20:00:00Z")
                .put("updatedAt", "2025-03-08T20:00:00Z").put("note", "Returned item")
                .set("totalRefundedSet", order.get("totalPriceSet").deepCopy());
        ((ObjectNode) order.at("/refunds/0/totalRefundedSet/shopMoney")).put("amount", "10.0");
        ((ObjectNode) order.at("/totalRefundedSet/shopMoney")).put("amount", "10.0");
        ObjectNode refund = ((ObjectNode) order.at("/transactions/0")).deepCopy();
        refund.put("id", "gid://shopify/OrderTransaction/" + (orderId * 10 + 2)).put("kind", "REFUND")
                .put("processedAt", "2025-03-08T20:00:00Z").putObject("parentTransaction").put("id", sale);
        ((ObjectNode) refund.at("/amountSet/shopMoney")).put("amount", "10.0");
        ((ArrayNode) order.get("transactions")).add(refund);
        stage(database, "orders", run1, "retail", order);
        TransformCompleted first = transform(run1);
        assertEquals(Status.SUCCEEDED, first.status());
        assertEquals(1, rows(first, "fact_refunds"));
        assertEquals(2, rows(first, "fact_order_transactions"));

        String where = " where store = 'retail' and order_id = " + orderId;
        // 20:00 UTC on the 8th is 01:30 on the 9th in Asia/Kolkata, the retail store's zone in the tests
        assertEquals("2025-03-09 10.0000 Returned item", queryForString("select refund_date || ' ' || total_refunded"
                + " || ' ' || note from warehouse.fact_refunds" + where));
        assertEquals("REFUND SUCCESS 10.0000 " + (orderId * 10 + 1), queryForString("select kind || ' ' || status || ' '"
                + " || amount || ' ' || parent_transaction_id from warehouse.fact_order_transactions" + where
                + " and kind = 'REFUND'"));
        assertEquals("SALE", queryForString("select kind from warehouse.fact_order_transactions" + where
                + " and transaction_id = " + (orderId * 10 + 1)));
        assertEquals("1 42.5000 0 0.0000", queryForString("select orders || ' ' || gross_sales || ' ' || refunds || ' ' ||"
                + " refunded from mart.net_sales_daily where store = 'retail' and sales_date = '2025-03-03'"),
                "gross on the day of the order");
        assertEquals("0 1 10.0000 -10.0000", queryForString("select orders || ' ' || refunds || ' ' || refunded || ' ' ||"
                + " net_sales from mart.net_sales_daily where store = 'retail' and sales_date = '2025-03-09'"),
                "the refund on the day it was processed");
        assertEquals("42.5000 10.0000", queryForString("select total_price || ' ' || total_refunded from"
                + " warehouse.fact_orders" + where));

        // an older copy of the order (before the refund) changes nothing; the next version without the refund and its
        // transaction removes them
        String run2 = newRunId();
        ObjectNode older = Staging.order(orderId, "2025-03-05T00:00:00Z", "PAID", null);
        stage(database, "orders", run2, "retail", older);
        TransformCompleted second = transform(run2);
        assertEquals(0, rows(second, "fact_refunds"));
        assertEquals(0, rows(second, "fact_order_transactions"));
        assertEquals(1, database.queryForLong("select count(*) from warehouse.fact_refunds" + where));
        String run3 = newRunId();
        stage(database, "orders", run3, "retail", Staging.order(orderId, "2025-03-10T00:00:00Z", "PAID", null));
        TransformCompleted third = transform(run3);
        assertEquals(1, rows(third, "fact_refunds"));
        assertEquals(1, rows(third, "fact_order_transactions"), "the refund transaction is gone");
        assertEquals(0, database.queryForLong("select count(*) from warehouse.fact_refunds" + where));
        assertEquals(0, database.queryForLong("select count(*) from mart.net_sales_daily where store = 'retail'"
                + " and sales_date = '2025-03-09'"));
    }

    @Test
    void aRefundsDetailsGiveItsLinesTheRefundedUnitsItsShippingAndItsTransactionAndAreReconciled() throws Exception {
        long orderId = Staging.nextId();
        long refundId = Staging.nextId();
        long secondLine = Staging.nextId();
        long refundTransaction = orderId * 10 + 2;
        ObjectNode order = Staging.addLine(Staging.order(orderId, "2026-11-21T10:00:00Z", "PARTIALLY_REFUNDED", null),
                secondLine, "MUG-" + secondLine, 3, "2.00", "0.0");
        ((ArrayNode) order.get("refunds")).addObject().put("id", "gid://shopify/Refund/" + refundId)
                .put("createdAt", "2026-11-21T10:00:00Z").put("processedAt", "2026-11-21T10:00:00Z")
                .put("updatedAt", "2026-11-21T10:00:00Z").put("note", "Returned items")
                .set("totalRefundedSet", order.get("totalPriceSet").deepCopy());
        ((ObjectNode) order.at("/refunds/0/totalRefundedSet/shopMoney")).put("amount", "29.0");
        ((ObjectNode) order.at("/totalRefundedSet/shopMoney")).put("amount", "29.0");
        ObjectNode paidBack = ((ObjectNode) order.at("/transactions/0")).deepCopy();
        paidBack.put("id", "gid://shopify/OrderTransaction/" + refundTransaction).put("kind", "REFUND");
        ((ArrayNode) order.get("transactions")).add(paidBack);
        ObjectNode details = Staging.refundLine(Staging.refund(refundId, orderId, "2026-11-21T10:00:00Z", 1, "20.0",
                refundTransaction), secondLine, 2, "4.0");
        ((ArrayNode) details.at("/refundShippingLines/nodes")).addObject().put("id", "gid://shopify/RefundShippingLine/1")
                .set("subtotalAmountSet", details.get("totalRefundedSet").deepCopy());
        ((ObjectNode) details.at("/refundShippingLines/nodes/0/subtotalAmountSet/shopMoney")).put("amount", "5.0");

        String run1 = newRunId();
        stage(database, "orders", run1, "retail", order);
        stage(database, "refunds", run1, "retail", details);
        refundsLoad(run1, "retail", 1, 1, 3, "24.0");
        TransformCompleted first = transform(run1);
        assertEquals(Status.SUCCEEDED, first.status(), () -> first.reconciliation().toString());
        String where = " where store = 'retail' and order_id = " + orderId;
        assertEquals("1 RETURN 20.0000, 2 RETURN 4.0000", queryForString("select string_agg(quantity || ' ' || restock_type"
                + " || ' ' || subtotal, ', ' order by quantity) from warehouse.fact_refund_lines" + where));
        assertEquals((orderId * 10 + 1) + " 1 20.0000, " + secondLine + " 2 4.0000", queryForString("select string_agg("
                + "line_item_id || ' ' || refunded_quantity || ' ' || refunded_subtotal, ', ' order by refunded_quantity)"
                + " from warehouse.fact_order_lines" + where), "each order line knows what was refunded of it");
        assertEquals("5.0000 0.0000 " + refundId, queryForString("select shipping_refunded || ' ' || adjustments_total"
                + " || ' ' || (select refund_id from warehouse.fact_order_transactions" + where + " and transaction_id = "
                + refundTransaction + ") from warehouse.fact_refunds" + where));
        assertEquals("records OK 1, refund_line_quantity OK 3, refund_line_subtotal OK 24, refunds_listed OK 1",
                queryForString("select string_agg(metric || ' ' || status || ' ' || trim_scale(source), ', ' order by metric collate \"C\")"
                        + " from ops.reconciliation where run_id = '" + run1 + "' and entity = 'refunds'"));

        // an older version of the details (a replay) changes nothing: the reconciliation explains the difference
        String replay = newRunId();
        stage(database, "refunds", replay, "retail", Staging.refund(refundId, orderId, "2026-11-20T10:00:00Z", 2, "40.0",
                refundTransaction));
        refundsLoad(replay, "retail", 1, 1, 2, "40.0");
        TransformCompleted older = transform(replay);
        assertEquals(0, rows(older, "fact_refund_lines"));
        assertEquals(Status.SUCCEEDED, older.status(), () -> older.reconciliation().toString());
        assertEquals("1 20.0000", queryForString("select quantity || ' ' || subtotal from warehouse.fact_refund_lines"
                + where + " and line_item_id = " + (orderId * 10 + 1)));
        assertEquals("WARN", queryForString("select status from ops.reconciliation where run_id = '" + replay
                + "' and entity = 'refunds' and metric = 'refund_line_quantity'"));

        // a refund's details lost between the extractor and the merge fail the run, naming store, entity and gap
        String lost = newRunId();
        stage(database, "refunds", lost, "retail", Staging.refund(refundId, orderId, "2026-11-22T10:00:00Z", 1, "20.0",
                refundTransaction));
        refundsLoad(lost, "retail", 1, 1, 1, "20.0");
        database.execute("delete from staging.refunds where run_id = '" + lost + "'");
        database.execute("update ops.etl_run_loads set staged_count = 0 where run_id = '" + lost + "'");
        TransformCompleted failed = transform(lost);
        assertEquals(Status.FAILED, failed.status());
        assertTrue(failed.reconciliation().differences().stream().anyMatch(d -> d.describe()
                .startsWith("refunds@retail refunds_listed: source 1, warehouse 0")), failed.reconciliation().toString());
    }

    /** The loader's SUCCEEDED load of a store's refunds, with the extractor's observation of them. */
    private void refundsLoad(String runId, String store, long records, long listed, long units, String subtotal)
            throws SQLException {
        long staged = database.queryForLong("select count(*) from staging.refunds where run_id = '" + runId
                + "' and store = '" + store + "'");
        database.execute("insert into ops.etl_run_loads (run_id, store, entity, status, staged_count, extracted)"
                + " values ('" + runId + "', '" + store + "', 'refunds', 'SUCCEEDED', " + staged + ", '{\"records\": "
                + records + ", \"sums\": {\"refunds_listed\": " + listed + ", \"refunds_gone\": 0,"
                + " \"refund_line_quantity\": " + units + ", \"refund_line_subtotal\": " + subtotal + "}}')");
    }

    @Test
    void deletionsSoftDeleteProductsWithTheirVariantsVariantsAndOrdersAndNoReplayRevivesThem() throws Exception {
        long deletedProduct = Staging.nextId();
        long itsVariant = Staging.nextId();
        long keptProduct = Staging.nextId();
        long deletedVariant = Staging.nextId();
        long keptVariant = Staging.nextId();
        long orderId = Staging.nextId();
        String skuOfDeleted = "GONE-" + itsVariant;
        long itemOfDeleted = Staging.nextId();
        String run1 = newRunId();
        stage(database, "products", run1, "retail", Staging.product(deletedProduct, itsVariant, skuOfDeleted, itemOfDeleted, "4.00"));
        ObjectNode twoVariants = Staging.withVariant(Staging.product(keptProduct, keptVariant, "KEPT-" + keptVariant,
                Staging.nextId(), "6.00"), deletedVariant, "GONE-" + deletedVariant);
        stage(database, "products", run1, "retail", twoVariants);
        ObjectNode order = Staging.order(orderId, "2024-02-29T12:00:00Z", "PAID", null);
        order.put("createdAt", "2024-02-29T12:00:00Z");
        stage(database, "orders", run1, "retail", order);
        stage(database, "inventory", run1, "retail", Staging.inventoryItem(itemOfDeleted, skuOfDeleted, 3, 4));
        assertEquals(Status.SUCCEEDED, transform(run1, nextLatestDay()).status());
        assertEquals(1, database.queryForLong("select orders from mart.net_sales_daily where store = 'retail'"
                + " and sales_date = '2024-02-29'"));
        assertEquals(1, database.queryForLong("select count(*) from warehouse.fact_current_inventory where sku = '" + skuOfDeleted + "'"));

        String run2 = newRunId();
        stage(database, "deletions", run2, "retail", Staging.deletion("PRODUCT", "gid://shopify/Product/" + deletedProduct,
                "2026-11-22T09:00:00Z"));
        stage(database, "deletions", run2, "retail", Staging.deletion("PRODUCT_VARIANT",
                "gid://shopify/ProductVariant/" + deletedVariant, "2026-11-22T09:01:00Z"));
        stage(database, "deletions", run2, "retail", Staging.deletion("ORDER", "gid://shopify/Order/" + orderId,
                "2026-11-22T09:02:00Z"));
        TransformCompleted deleted = transform(run2);
        assertEquals(Status.SUCCEEDED, deleted.status());
        assertEquals(4, rows(deleted, "deletions"), "the product, its variant, the other variant and the order");
        assertEquals("deletions", deleted.jobs().get(0).name(), "deletions merge first");

        assertEquals("2026-11-22 09:00:00", queryForString("select to_char(deleted_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                + " from warehouse.dim_products where store = 'retail' and product_id = " + deletedProduct));
        assertEquals("2026-11-22 09:00:00", queryForString("select to_char(deleted_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                + " from warehouse.dim_product_variants where store = 'retail' and variant_id = " + itsVariant),
                "a deleted product's variants go with it (Shopify logs no event for them)");
        assertEquals("2026-11-22 09:01:00", queryForString("select to_char(deleted_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                + " from warehouse.dim_product_variants where store = 'retail' and variant_id = " + deletedVariant));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.dim_product_variants where store = 'retail'"
                + " and variant_id = " + keptVariant + " and deleted_at is not null"));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.dim_products where store = 'retail'"
                + " and product_id = " + keptProduct + " and deleted_at is not null"));
        assertEquals("2026-11-22 09:02:00 1", queryForString("select to_char(f.deleted_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                + " || ' ' || (select count(*) from warehouse.fact_order_lines l where l.store = f.store and l.order_id = f.order_id)"
                + " from warehouse.fact_orders f where store = 'retail' and order_id = " + orderId),
                "the order is flagged and keeps its lines (facts keep history)");
        assertEquals(0, database.queryForLong("select count(*) from mart.net_sales_daily where store = 'retail'"
                + " and sales_date = '2024-02-29'"), "the mart leaves the deleted order out");
        assertEquals(0, database.queryForLong("select count(*) from warehouse.fact_current_inventory where sku = '" + skuOfDeleted + "'"),
                "current inventory leaves the deleted variant out");
        assertEquals(3, database.queryForLong("select count(*) from warehouse.deleted_records where loaded_run_id = '" + run2 + "'"));

        // the same events again (the overlap), and a replay of an older window bringing the deleted rows back, change
        // nothing; a product deleted in the same run that first brings it is merged deleted
        long bornDeleted = Staging.nextId();
        String run3 = newRunId();
        stage(database, "deletions", run3, "retail", Staging.deletion("PRODUCT", "gid://shopify/Product/" + deletedProduct,
                "2026-11-22T09:00:00Z"));
        stage(database, "deletions", run3, "retail", Staging.deletion("PRODUCT", "gid://shopify/Product/" + bornDeleted,
                "2026-11-22T10:00:00Z"));
        ObjectNode newerCopy = Staging.product(deletedProduct, itsVariant, skuOfDeleted, itemOfDeleted, "4.50");
        newerCopy.put("updatedAt", "2026-11-22T08:59:00Z");
        stage(database, "products", run3, "retail", newerCopy);
        stage(database, "products", run3, "retail", Staging.product(bornDeleted, Staging.nextId(), "BORN-" + bornDeleted,
                Staging.nextId(), "1.00"));
        stage(database, "orders", run3, "retail", Staging.order(orderId, "2026-11-22T08:00:00Z", "PAID", null));
        TransformCompleted replayed = transform(run3);
        assertEquals(Status.SUCCEEDED, replayed.status());
        assertEquals(0, rows(replayed, "deletions"), "nothing left to mark");
        assertEquals(0, database.queryForLong("select count(*) from warehouse.dim_products where store = 'retail'"
                + " and product_id in (" + deletedProduct + ", " + bornDeleted + ") and deleted_at is null"));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.dim_product_variants v where v.store = 'retail'"
                + " and v.product_id in (" + deletedProduct + ", " + bornDeleted + ") and v.deleted_at is null"));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.fact_orders where store = 'retail'"
                + " and order_id = " + orderId + " and deleted_at is null"));
    }

    @Test
    void aCompleteIdSweepMarksWhatItNoLongerListsAndAPartialOneMarksNothing() throws Exception {
        long keptProduct = Staging.nextId();
        long keptVariant = Staging.nextId();
        long goneVariant = Staging.nextId();
        long goneProduct = Staging.nextId();
        long goneProductsVariant = Staging.nextId();
        long keptOrder = Staging.nextId();
        long goneOrder = Staging.nextId();
        long keptCustomer = Staging.nextId();
        long goneCustomer = Staging.nextId();
        String run1 = newRunId();
        ObjectNode twoVariants = Staging.withVariant(Staging.product(keptProduct, keptVariant, "KEEP-" + keptVariant,
                Staging.nextId(), "3.00"), goneVariant, "SWEPT-" + goneVariant);
        stage(database, "products", run1, "wholesale", twoVariants);
        stage(database, "products", run1, "wholesale", Staging.product(goneProduct, goneProductsVariant,
                "SWEPT-" + goneProductsVariant, Staging.nextId(), "2.00"));
        stage(database, "orders", run1, "wholesale", Staging.order(keptOrder, "2026-11-20T10:00:00Z", "PAID", null));
        stage(database, "orders", run1, "wholesale", Staging.order(goneOrder, "2026-11-20T10:00:00Z", "PAID", null));
        stage(database, "customers", run1, "wholesale", Staging.customer(keptCustomer, null, "Kept", "2026-11-20T10:00:00Z"));
        stage(database, "customers", run1, "wholesale", Staging.customer(goneCustomer, null, "Gone", "2026-11-20T10:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run1).status());

        // the sweep lists every GID the store still has: all live wholesale rows of the warehouse but the gone ones
        String gone = "'gid://shopify/Product/" + goneProduct + "', 'gid://shopify/ProductVariant/" + goneVariant
                + "', 'gid://shopify/Order/" + goneOrder + "', 'gid://shopify/Customer/" + goneCustomer + "'";
        // a sweep that lost one of its GIDs on the way (fewer staged than the extractor listed) marks nothing
        String partial = newRunId();
        long listed = stageSweep(partial, "wholesale", gone);
        database.execute("delete from staging.ids where run_id = '" + partial + "' and gid = 'gid://shopify/Order/"
                + keptOrder + "'");
        sweepLoad(partial, "wholesale", listed);
        TransformCompleted notApplied = transform(partial);
        assertEquals(0, rows(notApplied, "deletions"), "an incomplete sweep deletes nothing");
        assertEquals(0, database.queryForLong("select count(*) from warehouse.deleted_records where loaded_run_id = '"
                + partial + "'"));
        assertEquals(Status.FAILED, notApplied.status(), "and the lost GID fails the reconciliation");
        assertTrue(notApplied.reconciliation().differences().stream().anyMatch(d -> d.describe()
                .startsWith("ids@wholesale records: source " + listed + ", warehouse " + (listed - 1))),
                notApplied.reconciliation().toString());

        // the complete sweep: the product it no longer lists (with its variant), the variant its kept product no
        // longer has, the order and the customer are marked deleted as of the sweep, found by the sweep, and counted
        String complete = newRunId();
        sweepLoad(complete, "wholesale", stageSweep(complete, "wholesale", gone));
        TransformCompleted swept = transform(complete);
        assertEquals(Status.SUCCEEDED, swept.status(), () -> swept.jobs().toString());
        assertEquals(5, rows(swept, "deletions"), "product and its variant, the other variant, the order, the customer");
        assertEquals("CUSTOMER sweep, ORDER sweep, PRODUCT sweep, PRODUCT_VARIANT sweep",
                queryForString("select string_agg(subject_type || ' ' || found_by, ', ' order by subject_type)"
                        + " from warehouse.deleted_records where loaded_run_id = '" + complete + "'"));
        assertEquals(1, database.queryForLong("select count(*) from warehouse.dim_products where store = 'wholesale'"
                + " and product_id = " + goneProduct + " and deleted_at is not null"));
        assertEquals(goneVariant + "," + goneProductsVariant,
                queryForString("select string_agg(variant_id::text, ',' order by variant_id) from"
                        + " warehouse.dim_product_variants where store = 'wholesale' and variant_id in (" + keptVariant + ", "
                        + goneVariant + ", " + goneProductsVariant + ") and deleted_at is not null"));
        assertEquals(1, database.queryForLong("select count(*) from warehouse.fact_orders where store = 'wholesale'"
                + " and order_id = " + goneOrder + " and deleted_at is not null"));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.fact_orders where store = 'wholesale'"
                + " and order_id = " + keptOrder + " and deleted_at is not null"));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.dim_customers"
                + " where customer_key = 'store:wholesale/" + goneCustomer + "'"), "the merged customer is recomputed away");
        TransformCompleted.Difference found = swept.reconciliation().differences().stream()
                .filter(d -> d.metric().equals("deletions_without_event")).findFirst().orElseThrow();
        assertEquals("WARN 4", found.status() + " " + found.source().stripTrailingZeros().toPlainString());
        assertTrue(found.note().contains("CUSTOMER 1, ORDER 1, PRODUCT 1, PRODUCT_VARIANT 1"), found.note());
    }

    /** When the test's sweeps start: after every record they judge, whatever the machine's clock says. */
    private static final String SWEPT_AT = "2026-12-01T00:00:00Z";

    /**
     * Stages a store's id sweep as the extractor would list it: every live product (with its live variants), order
     * and customer record of the store in the warehouse, but the GIDs in {@code goneGids} (an SQL list). Returns how
     * many GIDs it listed.
     */
    private long stageSweep(String runId, String store, String goneGids) throws SQLException {
        String live = " where x.store = '" + store + "' and x.deleted_at is null and x.gid not in (" + goneGids + ")";
        database.execute("insert into staging.ids (run_id, store, gid, source_updated_at, extracted_at, payload,"
                + " kafka_topic, kafka_partition, kafka_offset)"
                + " select '" + runId + "', '" + store + "', gid, updated_at, '" + SWEPT_AT + "', payload, 'shopify.ids.raw', 0,"
                + " row_number() over () from ("
                + "   select x.gid, x.updated_at, jsonb_build_object('id', x.gid, 'variants', jsonb_build_object('nodes',"
                + "     (select coalesce(jsonb_agg(jsonb_build_object('id', v.gid)), '[]') from warehouse.dim_product_variants v"
                + "      where v.store = x.store and v.product_id = x.product_id and v.deleted_at is null"
                + "        and v.gid not in (" + goneGids + ")))) as payload"
                + "   from warehouse.dim_products x" + live
                + "   union all select x.gid, x.updated_at, jsonb_build_object('id', x.gid) from warehouse.fact_orders x" + live
                + "   union all select x.gid, x.updated_at, jsonb_build_object('id', x.gid) from (select c.*,"
                + "     'gid://shopify/Customer/' || c.customer_id as gid from warehouse.dim_customer_sources c) x" + live
                + " ) listed");
        return database.queryForLong("select count(*) from staging.ids where run_id = '" + runId + "' and store = '"
                + store + "'");
    }

    /** The loader's SUCCEEDED load of a store's id sweep, with the extractor's count of the GIDs it listed. */
    private void sweepLoad(String runId, String store, long listed) throws SQLException {
        long staged = database.queryForLong("select count(*) from staging.ids where run_id = '" + runId + "' and store = '"
                + store + "'");
        database.execute("insert into ops.etl_run_loads (run_id, store, entity, status, staged_count, extracted)"
                + " values ('" + runId + "', '" + store + "', 'ids', 'SUCCEEDED', " + staged + ", '{\"records\": "
                + listed + ", \"sums\": {}}')");
    }

    @Test
    void aDeletedCustomerLeavesTheirMergedCustomerWhichIsRecomputedFromTheRecordsLeft() throws Exception {
        String email = "left+" + UUID.randomUUID() + "@example.com";
        long wholesaleId = Staging.nextId();
        long retailId = Staging.nextId();
        long aloneId = Staging.nextId();
        String run1 = newRunId();
        stage(database, "customers", run1, "wholesale", Staging.customer(wholesaleId, email, "Wanda", "2026-11-20T10:00:00Z"));
        stage(database, "customers", run1, "retail", Staging.customer(retailId, email, "Rita", "2026-11-21T10:00:00Z"));
        stage(database, "customers", run1, "retail", Staging.customer(aloneId, null, "Alone", "2026-11-21T10:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run1).status());
        String key = "'email:" + email + "'";
        assertEquals("Rita {retail,wholesale}", queryForString("select first_name || ' ' || stores::text"
                + " from warehouse.dim_customers where customer_key = " + key));

        String run2 = newRunId();
        stage(database, "deletions", run2, "retail", Staging.deletion("CUSTOMER", "gid://shopify/Customer/" + retailId,
                "2026-11-22T09:00:00Z"));
        stage(database, "deletions", run2, "retail", Staging.deletion("CUSTOMER", "gid://shopify/Customer/" + aloneId,
                "2026-11-22T09:00:00Z"));
        TransformCompleted deleted = transform(run2);
        assertEquals(Status.SUCCEEDED, deleted.status(), "the customer relationship checks hold");
        assertEquals(2, rows(deleted, "deletions"));
        assertEquals("Wanda wholesale {wholesale}", queryForString("select first_name || ' ' || source_store || ' ' || stores::text"
                + " from warehouse.dim_customers where customer_key = " + key));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.dim_customers"
                + " where customer_key = 'store:retail/" + aloneId + "'"), "a merged customer with no record left is removed");
        assertEquals(2, database.queryForLong("select count(*) from warehouse.dim_customer_sources where store = 'retail'"
                + " and customer_id in (" + retailId + ", " + aloneId + ") and deleted_at is not null"),
                "the store records stay, flagged");

        // a re-delivered copy of the deleted record does not bring it back into its merged customer
        String run3 = newRunId();
        stage(database, "customers", run3, "retail", Staging.customer(retailId, email, "Rita", "2026-11-21T11:00:00Z"));
        assertEquals(Status.SUCCEEDED, transform(run3).status());
        assertEquals("Wanda {wholesale}", queryForString("select first_name || ' ' || stores::text"
                + " from warehouse.dim_customers where customer_key = " + key));
    }

    private static long rows(TransformCompleted outcome, String job) {
        return outcome.jobs().stream().filter(j -> j.name().equals(job)).findFirst().orElseThrow().rows();
    }

    @Test
    void variantsAreLinkedToProductsAndPricedInTheStoreCurrency() throws Exception {
        long productId = Staging.nextId();
        long variantId = Staging.nextId();
        String run = newRunId();
        stage(database, "products", run, "bakery", Staging.product(productId, variantId, "SKU-" + variantId, Staging.nextId(), "12.50"));
        assertEquals(Status.SUCCEEDED, transform(run).status());

        String where = " from warehouse.dim_product_variants where store = 'bakery' and variant_id = " + variantId;
        assertEquals(productId, database.queryForLong("select product_id" + where));
        assertEquals("12.5000 INR", queryForString("select price || ' ' || currency" + where));
        assertEquals("Chocolate cake", queryForString("select p.title from warehouse.dim_products p join warehouse.dim_product_variants v"
                + " using (store, product_id) where v.store = 'bakery' and v.variant_id = " + variantId));
    }

    @Test
    void currentInventoryIsRetailFirstAndTakesWholesaleOnlyForSkusMissingInRetail() throws Exception {
        String shared = "SHARED-" + Staging.nextId();
        String wholesaleOnly = "WHOLESALE-ONLY-" + Staging.nextId();
        String run = newRunId();
        stage(database, "inventory", run, "wholesale", Staging.inventoryItem(Staging.nextId(), shared, 100, 100));
        stage(database, "inventory", run, "retail", Staging.inventoryItem(Staging.nextId(), shared, 5, 2));
        stage(database, "inventory", run, "wholesale", Staging.inventoryItem(Staging.nextId(), wholesaleOnly, 40, 1));
        assertEquals(Status.SUCCEEDED, transform(run, nextLatestDay()).status());

        assertEquals("retail 7 2", queryForString("select store || ' ' || available || ' ' || location_count"
                + " from warehouse.fact_current_inventory where sku = '" + shared + "'"));
        assertEquals("wholesale 41", queryForString("select store || ' ' || available"
                + " from warehouse.fact_current_inventory where sku = '" + wholesaleOnly + "'"));
        assertEquals(2, database.queryForLong("select count(*) from warehouse.fact_current_inventory"));
    }

    @Test
    void aRunWithOnlyRetailInventoryKeepsWholesaleOnlySkusFromTheirLatestSnapshot() throws Exception {
        String wholesaleOnly = "WS-KEPT-" + Staging.nextId();
        String shared = "SHARED-KEPT-" + Staging.nextId();
        String run1 = newRunId();
        stage(database, "inventory", run1, "wholesale", Staging.inventoryItem(Staging.nextId(), wholesaleOnly, 8, 0));
        stage(database, "inventory", run1, "wholesale", Staging.inventoryItem(Staging.nextId(), shared, 50, 0));
        transform(run1, nextLatestDay());
        String run2 = newRunId();
        stage(database, "inventory", run2, "retail", Staging.inventoryItem(Staging.nextId(), shared, 3, 0));
        assertEquals(Status.SUCCEEDED, transform(run2, nextLatestDay()).status());

        assertEquals("wholesale 8", queryForString("select store || ' ' || available"
                + " from warehouse.fact_current_inventory where sku = '" + wholesaleOnly + "'"));
        assertEquals("retail 3 " + run2, queryForString("select store || ' ' || available || ' ' || loaded_run_id"
                + " from warehouse.fact_current_inventory where sku = '" + shared + "'"));
    }

    @Test
    void replayingAnOldDayRebuildsThatDaysSnapshotAndLeavesCurrentStockAlone() throws Exception {
        long item = Staging.nextId();
        String sku = "REPLAY-OLD-" + item;
        LocalDate oldDay = nextLatestDay();
        LocalDate latestDay = nextLatestDay();
        String run1 = newRunId();
        stage(database, "inventory", run1, "retail", Staging.inventoryItem(item, sku, 5, 0));
        assertEquals(Status.SUCCEEDED, transform(run1, oldDay).status());
        String run2 = newRunId();
        stage(database, "inventory", run2, "retail", Staging.inventoryItem(item, sku, 8, 0));
        assertEquals(Status.SUCCEEDED, transform(run2, latestDay).status());
        assertEquals("retail 8 " + run2, queryForString("select store || ' ' || available || ' ' || loaded_run_id"
                + " from warehouse.fact_current_inventory where sku = '" + sku + "'"));

        // the old day replayed (with that day's stock as the archive kept it, here changed to tell it apart)
        String replay = newRunId();
        stage(database, "inventory", replay, "retail", Staging.inventoryItem(item, sku, 3, 0));
        assertEquals(Status.SUCCEEDED, transform(replay, oldDay).status());

        assertEquals("retail 8 " + run2, queryForString("select store || ' ' || available || ' ' || loaded_run_id"
                + " from warehouse.fact_current_inventory where sku = '" + sku + "'"), "current stock is the newest day's");
        String snapshot = " from warehouse.inventory_snapshot where inventory_item_id = " + item + " and snapshot_date = '";
        assertEquals(3, database.queryForLong("select sum(available)" + snapshot + oldDay + "'"), "the old day is rebuilt");
        assertEquals(replay, queryForString("select distinct loaded_run_id" + snapshot + oldDay + "'"));
        assertEquals(8, database.queryForLong("select sum(available)" + snapshot + latestDay + "'"));
    }

    @Test
    void reRunningASnapshotDateReplacesThatDateOnly() throws Exception {
        long item = Staging.nextId();
        String sku = "SNAP-" + item;
        LocalDate day1 = LocalDate.of(2026, 11, 20);
        LocalDate day2 = LocalDate.of(2026, 11, 21);
        String run1 = newRunId();
        stage(database, "inventory", run1, "retail", Staging.inventoryItem(item, sku, 1, 1));
        transform(run1, day1);
        String run2 = newRunId();
        stage(database, "inventory", run2, "retail", Staging.inventoryItem(item, sku, 2, 2));
        transform(run2, day2);
        String rerun = newRunId();
        stage(database, "inventory", rerun, "retail", Staging.inventoryItem(item, sku, 9, 9));
        transform(rerun, day2);

        String where = " from warehouse.inventory_snapshot where inventory_item_id = " + item;
        assertEquals(4, database.queryForLong("select count(*)" + where));
        assertEquals(2, database.queryForLong("select sum(available)" + where + " and snapshot_date = '" + day1 + "'"));
        assertEquals(18, database.queryForLong("select sum(available)" + where + " and snapshot_date = '" + day2 + "'"));
        assertEquals(rerun, queryForString("select distinct loaded_run_id" + where + " and snapshot_date = '" + day2 + "'"));
    }

    @Test
    void eachStoresSnapshotTakesThatStoresBusinessDate() throws Exception {
        // One run, two business dates: Chicago (wholesale) is already on the 11th while New York is still on the 10th.
        // (Dates before the other tests' own, so their "latest snapshot" of a store is never one of these.)
        long retailItem = Staging.nextId();
        long wholesaleItem = Staging.nextId();
        LocalDate retailDay = LocalDate.of(2026, 11, 10);
        LocalDate wholesaleDay = LocalDate.of(2026, 11, 11);
        String run = newRunId();
        stage(database, "inventory", run, "retail", Staging.inventoryItem(retailItem, "DATE-R-" + retailItem, 4, 4));
        stage(database, "inventory", run, "wholesale", Staging.inventoryItem(wholesaleItem, "DATE-W-" + wholesaleItem, 6, 6));
        assertEquals(Status.SUCCEEDED, transform(run, Map.of("retail", retailDay, "wholesale", wholesaleDay)).status());
        assertEquals(retailDay.toString(), queryForString("select string_agg(distinct snapshot_date::text, ',')"
                + " from warehouse.inventory_snapshot where inventory_item_id = " + retailItem));
        assertEquals(wholesaleDay.toString(), queryForString("select string_agg(distinct snapshot_date::text, ',')"
                + " from warehouse.inventory_snapshot where inventory_item_id = " + wholesaleItem));

        // Re-running the retail store's date replaces its rows only; the wholesale rows of that run stay.
        String replay = newRunId();
        stage(database, "inventory", replay, "retail", Staging.inventoryItem(retailItem, "DATE-R-" + retailItem, 7, 7));
        assertEquals(Status.SUCCEEDED, transform(replay, Map.of("retail", retailDay)).status());
        assertEquals("retail " + retailDay + " " + replay, queryForString("select string_agg(distinct store || ' '"
                + " || snapshot_date || ' ' || loaded_run_id, ',') from warehouse.inventory_snapshot"
                + " where inventory_item_id = " + retailItem));
        assertEquals(0, database.queryForLong("select count(*) from warehouse.inventory_snapshot"
                + " where inventory_item_id = " + wholesaleItem + " and loaded_run_id <> '" + run + "'"));
        assertTrue(database.queryForLong("select count(*) from warehouse.inventory_snapshot"
                + " where inventory_item_id = " + wholesaleItem) > 0);
    }

    @Test
    void aSnapshotOfAStoreWithoutABusinessDateFailsTheJob() throws Exception {
        String run = newRunId();
        long item = Staging.nextId();
        stage(database, "inventory", run, "wholesale", Staging.inventoryItem(item, "UNDATED-" + item, 1, 1));
        TransformCompleted outcome = transform(run, Map.of("retail", LocalDate.of(2026, 12, 1)));
        assertEquals(Status.FAILED, outcome.status());
        assertTrue(outcome.jobs().stream().anyMatch(j -> j.error() != null
                && j.error().contains("no business date for store(s) wholesale")), () -> outcome.jobs().toString());
        assertEquals(0, database.queryForLong("select count(*) from warehouse.inventory_snapshot where inventory_item_id = " + item));
    }

    @Test
    void aPaidDepositWithoutItsRemainingOrderIsScheduledAndFlagged() throws Exception {
        LocalDate today = ZonedDateTime.ofInstant(AS_OF, BAKERY_ZONE).toLocalDate();
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        String thisWeek = LocalDateTime.of(weekStart.plusDays(2), java.time.LocalTime.of(15, 0)).atZone(BAKERY_ZONE)
                .toOffsetDateTime().toString();
        String future = ZonedDateTime.ofInstant(AS_OF, BAKERY_ZONE).plusDays(30).withNano(0).toOffsetDateTime().toString();
        String request = "REQ-" + Staging.nextId();
        String futureRequest = "REQ-" + Staging.nextId();
        long deposit = Staging.nextId();
        long unpaidDeposit = Staging.nextId();
        long futureDeposit = Staging.nextId();
        long futureRemaining = Staging.nextId();

        String run = newRunId();
        stage(database, "orders", run, "bakery", bakeryOrder(deposit, "PAID", "deposit", thisWeek, request));
        stage(database, "orders", run, "bakery", bakeryOrder(unpaidDeposit, "PENDING", "deposit", thisWeek, "REQ-" + unpaidDeposit));
        stage(database, "orders", run, "bakery", bakeryOrder(futureDeposit, "PENDING", "deposit", future, futureRequest));
        stage(database, "orders", run, "bakery", bakeryOrder(futureRemaining, "PAID", "remaining", future, futureRequest));
        assertEquals(Status.SUCCEEDED, transform(run).status());

        String scheduled = " from mart.bake_schedule_week where store = 'bakery' and request_key = 'request:" + request + "'";
        assertEquals("#" + deposit + " PAID", queryForString("select deposit_order_name || ' ' || deposit_status" + scheduled));
        assertNull(queryForString("select remaining_order_id::text" + scheduled));
        assertEquals("chocolate unicorn " + weekStart, queryForString("select flavor || ' ' || theme || ' ' || week_start" + scheduled));
        assertEquals("15:00:00", queryForString("select event_local::time::text" + scheduled));
        assertEquals(0, database.queryForLong("select count(*) from mart.bake_schedule_week where request_key = 'request:REQ-" + unpaidDeposit + "'"));

        String futures = " from mart.future_orders where store = 'bakery' and request_key = 'request:" + futureRequest + "'";
        assertEquals(2, database.queryForLong("select count(*)" + futures));
        assertEquals(0, database.queryForLong("select count(*)" + futures + " and (deposit_missing or remaining_missing)"));
        assertEquals("deposit,remaining", queryForString("select string_agg(order_type, ',' order by order_type)" + futures));
    }

    @Test
    void aFutureDepositWithoutItsRemainingOrderIsFlaggedAsMissingIt() throws Exception {
        String future = ZonedDateTime.ofInstant(AS_OF, BAKERY_ZONE).plusDays(40).withNano(0).toOffsetDateTime().toString();
        long deposit = Staging.nextId();
        String run = newRunId();
        stage(database, "orders", run, "bakery", bakeryOrder(deposit, "PENDING", "deposit", future, "REQ-" + deposit));
        assertEquals(Status.SUCCEEDED, transform(run).status());

        assertEquals("false true", queryForString("select deposit_missing || ' ' || remaining_missing"
                + " from mart.future_orders where store = 'bakery' and order_id = " + deposit));
    }

    private static ObjectNode bakeryOrder(long id, String status, String type, String eventDatetime, String request) {
        ObjectNode order = Staging.order(id, "2026-11-21T10:00:00Z", status, null);
        Staging.metafield(order, "order_type", type);
        Staging.metafield(order, "event_datetime", eventDatetime);
        Staging.metafield(order, "flavor", "chocolate");
        Staging.metafield(order, "theme", "unicorn");
        Staging.metafield(order, "request_id", request);
        return order;
    }
}
