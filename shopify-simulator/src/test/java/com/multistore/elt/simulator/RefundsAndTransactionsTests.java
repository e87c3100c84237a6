package com.multistore.elt.simulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An order's transactions and its refunds' details in Shopify's shapes, adding up: what was paid minus what was
 * refunded is the net payment; each refund's transactions make its total; its lines' subtotals and tax, its
 * shipping lines and its adjustments make it too. Refund details are read by {@code nodes(ids:)}, as a bulk query
 * cannot nest the connections under the {@code refunds} list.
 */
@QuarkusTest
class RefundsAndTransactionsTests {
    private static final String ORDERS = "query page($after: String) { orders(first: 25, after: $after) { nodes { id"
            + " displayFinancialStatus cancelledAt totalPriceSet { shopMoney { amount } } totalRefundedSet { shopMoney"
            + " { amount } } totalRefundedShippingSet { shopMoney { amount } } netPaymentSet { shopMoney { amount } }"
            + " currentTotalPriceSet { shopMoney { amount } } totalShippingPriceSet { shopMoney { amount } }"
            + " transactions { id kind status gateway processedAt test amountSet { shopMoney { amount } presentmentMoney"
            + " { amount currencyCode } } parentTransaction { id } } refunds { id createdAt processedAt updatedAt note"
            + " totalRefundedSet { shopMoney { amount } } } lineItems(first: 10) { nodes { quantity currentQuantity"
            + " refundableQuantity } } } pageInfo { hasNextPage endCursor } } }";
    private static final String REFUNDS = "query details($ids: [ID!]!) { nodes(ids: $ids) { id ... on Refund {"
            + " totalRefundedSet { shopMoney { amount } } refundLineItems(first: 10) { nodes { id quantity restockType"
            + " restocked location { id } lineItem { id } priceSet { shopMoney { amount } } subtotalSet { shopMoney"
            + " { amount } } totalTaxSet { shopMoney { amount } } } } refundShippingLines(first: 5) { nodes { id"
            + " shippingLine { title } subtotalAmountSet { shopMoney { amount } } taxAmountSet { shopMoney { amount } } } }"
            + " orderAdjustments(first: 5) { nodes { id amountSet { shopMoney { amount } } reason } }"
            + " transactions(first: 5) { nodes { id kind status amountSet { shopMoney { amount } } parentTransaction"
            + " { id } } } } } }";
    private final ShopifyApi api = new ShopifyApi("refunds", "shpat_refunds_test");

    private static BigDecimal amount(Object bag) {
        @SuppressWarnings("unchecked")
        Map<String, Object> shop = (Map<String, Object>) ((Map<String, Object>) bag).get("shopMoney");
        return new BigDecimal(shop.get("amount").toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o, String field) {
        return (List<Map<String, Object>>) ((Map<String, Object>) o).get(field);
    }

    private List<Map<String, Object>> allOrders() {
        ShopifyApi.admin().post("/simulator/shops/refunds/orders/touch?count=5&refund=true").then().statusCode(200);
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            JsonPath page = api.send(ORDERS, vars);
            assertNull(page.get("errors"), page.prettify());
            all.addAll(page.getList("data.orders.nodes"));
            after = page.getBoolean("data.orders.pageInfo.hasNextPage") ? page.getString("data.orders.pageInfo.endCursor") : null;
        } while (after != null);
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void transactionsAndRefundsAddUpToTheOrdersMoney() {
        Set<String> kinds = new TreeSet<>();
        List<String> refundIds = new ArrayList<>();
        Map<String, Map<String, Object>> refundOrders = new HashMap<>();
        List<Map<String, Object>> orders = allOrders();
        for (Map<String, Object> o : orders) {
            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal refundedByTransactions = BigDecimal.ZERO;
            String saleId = null;
            for (Map<String, Object> t : list(o, "transactions")) {
                kinds.add(t.get("kind") + "/" + t.get("status"));
                assertTrue(t.get("id").toString().startsWith("gid://shopify/OrderTransaction/"));
                assertNotNull(t.get("processedAt"));
                if (t.get("status").equals("SUCCESS") && List.of("SALE", "CAPTURE").contains(t.get("kind"))) {
                    paid = paid.add(amount(t.get("amountSet")));
                    saleId = (String) t.get("id");
                }
                if (t.get("kind").equals("REFUND")) {
                    refundedByTransactions = refundedByTransactions.add(amount(t.get("amountSet")));
                    assertEquals(saleId, ((Map<String, Object>) t.get("parentTransaction")).get("id"),
                            "a refund is the child of the sale it gives back");
                }
            }
            BigDecimal refunded = amount(o.get("totalRefundedSet"));
            assertEquals(0, refunded.compareTo(refundedByTransactions), o.get("id") + ": refund transactions");
            assertEquals(0, paid.subtract(refunded).compareTo(amount(o.get("netPaymentSet"))), o.get("id") + ": net payment");
            assertEquals(0, amount(o.get("totalPriceSet")).subtract(refunded).compareTo(amount(o.get("currentTotalPriceSet"))));
            BigDecimal refundSum = BigDecimal.ZERO;
            for (Map<String, Object> r : list(o, "refunds")) {
                refundSum = refundSum.add(amount(r.get("totalRefundedSet")));
                refundIds.add((String) r.get("id"));
                refundOrders.put((String) r.get("id"), o);
                assertNotNull(r.get("processedAt"));
            }
            assertEquals(0, refundSum.compareTo(refunded));
            for (Map<String, Object> l : list(o.get("lineItems"), "nodes")) {
                assertEquals(l.get("currentQuantity"), l.get("refundableQuantity"));
            }
        }
        for (String kind : List.of("SALE/SUCCESS", "REFUND/SUCCESS", "AUTHORIZATION/SUCCESS", "VOID/SUCCESS")) {
            assertTrue(kinds.contains(kind), "no " + kind + " among " + kinds);
        }
        assertFalse(refundIds.isEmpty());

        boolean partial = false;
        boolean shipping = false;
        for (int from = 0; from < refundIds.size(); from += 5) {
            JsonPath details = api.send(REFUNDS, Map.of("ids", refundIds.subList(from, Math.min(refundIds.size(), from + 5))));
            assertNull(details.get("errors"), details.prettify());
            for (Map<String, Object> r : details.<Map<String, Object>>getList("data.nodes")) {
                BigDecimal total = amount(r.get("totalRefundedSet"));
                BigDecimal parts = BigDecimal.ZERO;
                List<Map<String, Object>> lines = list(r.get("refundLineItems"), "nodes");
                for (Map<String, Object> l : lines) {
                    parts = parts.add(amount(l.get("subtotalSet"))).add(amount(l.get("totalTaxSet")));
                    assertTrue(l.get("id").toString().startsWith("gid://shopify/RefundLineItem/"));
                    assertTrue(List.of("RETURN", "CANCEL", "NO_RESTOCK").contains(l.get("restockType")));
                }
                for (Map<String, Object> s : list(r.get("refundShippingLines"), "nodes")) {
                    parts = parts.add(amount(s.get("subtotalAmountSet"))).add(amount(s.get("taxAmountSet")));
                    shipping = true;
                }
                for (Map<String, Object> a : list(r.get("orderAdjustments"), "nodes")) {
                    parts = parts.add(amount(a.get("amountSet")));
                }
                assertEquals(0, total.compareTo(parts), r.get("id") + ": lines, tax, shipping and adjustments");
                Map<String, Object> order = refundOrders.get((String) r.get("id"));
                assertEquals(0, amount(order.get("totalRefundedShippingSet")).compareTo(list(r.get("refundShippingLines"),
                        "nodes").isEmpty() ? BigDecimal.ZERO : amount(order.get("totalShippingPriceSet"))));
                BigDecimal byTransactions = BigDecimal.ZERO;
                for (Map<String, Object> t : list(r.get("transactions"), "nodes")) {
                    assertEquals("REFUND", t.get("kind"));
                    byTransactions = byTransactions.add(amount(t.get("amountSet")));
                }
                assertEquals(0, total.compareTo(byTransactions), r.get("id") + ": its transactions");
                partial |= lines.size() == 1 && "RETURN".equals(lines.get(0).get("restockType"));
            }
        }
        assertTrue(partial, "a returned item among the refunds");
        assertTrue(shipping, "a refund that gives back the shipping");

        String transaction = (String) list(orders.get(0), "transactions").get(0).get("id");
        assertEquals(transaction, api.send("query t($id: ID!) { node(id: $id) { id ... on OrderTransaction { kind } } }",
                Map.of("id", transaction)).getString("data.node.id"));
    }
}
