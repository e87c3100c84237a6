package com.multistore.elt.simulator;

import com.multistore.elt.events.PayloadSelections;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extractor's payload fragments (pipeline-events shopify/*.graphql) executed against the simulator inside their
 * connections, paged and as bulk jobs: every field is served with a realistic value, and the bulk file rebuilt by
 * __parentId equals the paged answer. The "fragments" shop uses the observed cost model (see README: with the
 * documented model the order fragment alone costs more than 1000).
 */
@QuarkusTest
class FragmentTests {
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d+\\.\\d{1,2}");
    private final ShopifyApi api = new ShopifyApi("fragments", "shpat_fragments_test");

    private static String fragmentText(String name) {
        return PayloadSelections.fragment(name);
    }

    private record Case(String connection, String fragment, int pageSize, Set<String> nested) {
        String paged() {
            return "query page($after: String) { " + connection + "(first: " + pageSize + ", after: $after) { nodes { ..."
                    + fragment + " } pageInfo { hasNextPage endCursor } } }\n" + fragmentText(fragment);
        }

        String bulk() {
            return "{ " + connection + " { edges { node { ..." + fragment + " } } } }\n" + fragmentText(fragment);
        }
    }

    private static final Case ORDERS = new Case("orders", "OrderNode", 4, Set.of("lineItems", "metafields"));
    private static final Case CUSTOMERS = new Case("customers", "CustomerNode", 250, Set.of());
    private static final Case PRODUCTS = new Case("products", "ProductNode", 40, Set.of("variants"));
    private static final Case INVENTORY = new Case("inventoryItems", "InventoryItemNode", 20, Set.of("inventoryLevels"));

    private List<Map<String, Object>> pageAll(ShopifyApi shop, Case c) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            JsonPath page = shop.send(c.paged(), vars);
            assertNull(page.get("errors"), page.prettify());
            all.addAll(page.getList("data." + c.connection + ".nodes"));
            after = page.getBoolean("data." + c.connection + ".pageInfo.hasNextPage")
                    ? page.getString("data." + c.connection + ".pageInfo.endCursor") : null;
        } while (after != null);
        return all;
    }

    private void pagedAndBulkAgree(Case c, Consumer<Map<String, Object>> check) {
        List<Map<String, Object>> paged = pageAll(api, c);
        assertFalse(paged.isEmpty());
        paged.forEach(check);
        JsonPath done = BulkFiles.await(api, BulkFiles.start(api, c.bulk(), false));
        assertEquals("COMPLETED", done.getString("data.bulkOperation.status"));
        List<Map<String, Object>> rebuilt = BulkFiles.rebuild(BulkFiles.lines(BulkFiles.download(done.getString("data.bulkOperation.url"))));
        assertEquals(BulkFiles.normalise(paged, c.nested), BulkFiles.normalise(rebuilt, c.nested));
    }

    @Test
    @SuppressWarnings("unchecked")
    void orderFragmentServedPagedAndAsBulk() {
        List<String> seen = new ArrayList<>();
        pagedAndBulkAgree(ORDERS, o -> {
            gid(o.get("id"), "Order");
            assertEquals(o.get("legacyResourceId"), idNumber(o.get("id")));
            assertTrue(o.get("name").toString().matches("#\\d+"));
            for (String t : List.of("createdAt", "processedAt", "updatedAt")) {
                assertTrue(TIME.matcher(o.get(t).toString()).matches(), t + " " + o.get(t));
            }
            assertTrue(o.get("updatedAt").toString().compareTo(o.get("createdAt").toString()) >= 0);
            assertTrue(List.of("PENDING", "AUTHORIZED", "PARTIALLY_REFUNDED", "VOIDED", "PAID", "REFUNDED")
                    .contains(o.get("displayFinancialStatus")));
            assertTrue(List.of("UNFULFILLED", "PARTIALLY_FULFILLED", "FULFILLED").contains(o.get("displayFulfillmentStatus")));
            assertEquals("USD", o.get("currencyCode"));
            assertTrue(o.get("tags") instanceof List);
            assertNotNull(o.get("sourceName"));
            BigDecimal subtotal = money(o, "subtotalPriceSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
            BigDecimal shipping = money(o, "totalShippingPriceSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
            BigDecimal tax = money(o, "totalTaxSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
            BigDecimal total = money(o, "totalPriceSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
            money(o, "totalDiscountsSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
            BigDecimal refunded = money(o, "totalRefundedSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
            assertEquals(0, subtotal.add(shipping).add(tax).compareTo(total), "total of " + o.get("name"));
            List<Map<String, Object>> refunds = (List<Map<String, Object>>) o.get("refunds");
            BigDecimal refundSum = BigDecimal.ZERO;
            for (Map<String, Object> r : refunds) {
                gid(r.get("id"), "Refund");
                refundSum = refundSum.add(money(r, "totalRefundedSet", o.get("currencyCode"), o.get("presentmentCurrencyCode")));
            }
            assertEquals(0, refundSum.compareTo(refunded));
            List<Map<String, Object>> lines = (List<Map<String, Object>>) ((Map<String, Object>) o.get("lineItems")).get("nodes");
            assertFalse(lines.isEmpty());
            BigDecimal lineSum = BigDecimal.ZERO;
            for (Map<String, Object> l : lines) {
                gid(l.get("id"), "LineItem");
                assertTrue(l.get("sku").toString().matches("[A-Z0-9-]+"), "sku " + l.get("sku"));
                int q = (Integer) l.get("quantity");
                assertTrue(q >= 1 && (Integer) l.get("currentQuantity") <= q);
                gid(((Map<String, Object>) l.get("variant")).get("id"), "ProductVariant");
                gid(((Map<String, Object>) l.get("product")).get("id"), "Product");
                BigDecimal unit = money(l, "originalUnitPriceSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
                BigDecimal lineTotal = money(l, "originalTotalSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
                assertEquals(0, unit.multiply(BigDecimal.valueOf(q)).compareTo(lineTotal));
                money(l, "discountedUnitPriceSet", o.get("currencyCode"), o.get("presentmentCurrencyCode"));
                lineSum = lineSum.add(lineTotal).subtract(money(l, "totalDiscountSet", o.get("currencyCode"),
                        o.get("presentmentCurrencyCode")));
            }
            assertEquals(0, lineSum.compareTo(subtotal));
            Map<String, Object> customer = (Map<String, Object>) o.get("customer");
            if (customer != null) {
                gid(customer.get("id"), "Customer");
                assertTrue(((Map<String, Object>) customer.get("defaultEmailAddress")).get("emailAddress").toString().contains("@"));
            }
            seen.add((customer == null ? "guest " : "") + (o.get("cancelledAt") != null ? "cancelled " : "")
                    + (refunds.isEmpty() ? "" : "refunded ") + (o.get("currencyCode").equals(o.get("presentmentCurrencyCode")) ? "" : "fx"));
        });
        for (String kind : List.of("guest", "cancelled", "refunded", "fx")) {
            assertTrue(seen.stream().anyMatch(s -> s.contains(kind)), "no " + kind + " order among " + seen.size());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bakeryOrdersCarryTheirMetafieldsPagedAndAsBulk() {
        ShopifyApi bakery = new ShopifyApi("bakery", "shpat_bakery_local");
        ShopifyApi.admin().body(Map.of("costModel", "observed")).put("/simulator/shops/bakery/bucket").then().statusCode(200);
        try {
            List<Map<String, Object>> orders = pageAll(bakery, ORDERS);
            Map<String, List<String>> halves = new HashMap<>();
            for (Map<String, Object> o : orders) {
                List<Map<String, Object>> mf = (List<Map<String, Object>>) ((Map<String, Object>) o.get("metafields")).get("nodes");
                Map<String, String> byKey = new HashMap<>();
                mf.forEach(m -> {
                    assertEquals("custom", m.get("namespace"));
                    gid(m.get("id"), "Metafield");
                    byKey.put(m.get("key").toString(), m.get("value").toString());
                });
                assertEquals(Set.of("order_type", "event_datetime", "flavor", "theme", "request_id"), byKey.keySet());
                assertTrue(byKey.get("event_datetime").matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+05:30"));
                halves.computeIfAbsent(byKey.get("request_id"), k -> new ArrayList<>()).add(byKey.get("order_type")
                        + ":" + o.get("displayFinancialStatus"));
            }
            assertTrue(halves.values().stream().anyMatch(h -> h.size() == 2), "no complete pair");
            assertTrue(halves.values().stream().anyMatch(h -> h.size() == 1), "no pair missing a half");
            assertTrue(halves.values().stream().flatMap(List::stream).anyMatch(h -> h.endsWith("PENDING")), "nothing unpaid");
            JsonPath done = BulkFiles.await(bakery, BulkFiles.start(bakery, ORDERS.bulk(), true));
            List<Map<String, Object>> rebuilt = BulkFiles.rebuild(BulkFiles.lines(BulkFiles.download(done.getString("data.bulkOperation.url"))));
            assertEquals(BulkFiles.normalise(orders, ORDERS.nested), BulkFiles.normalise(rebuilt, ORDERS.nested));
        } finally {
            ShopifyApi.admin().body(Map.of("costModel", "documented")).put("/simulator/shops/bakery/bucket").then().statusCode(200);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void customerFragmentServedPagedAndAsBulk() {
        pagedAndBulkAgree(CUSTOMERS, c -> {
            gid(c.get("id"), "Customer");
            assertEquals(c.get("legacyResourceId"), idNumber(c.get("id")));
            assertEquals(c.get("firstName") + " " + c.get("lastName"), c.get("displayName"));
            assertTrue(((Map<String, Object>) c.get("defaultEmailAddress")).get("emailAddress").toString().contains("@"));
            assertTrue(List.of("ENABLED", "DISABLED", "INVITED", "DECLINED").contains(c.get("state")));
            assertTrue(c.get("numberOfOrders").toString().matches("\\d+"));
            Map<String, Object> spent = (Map<String, Object>) c.get("amountSpent");
            assertTrue(AMOUNT.matcher(spent.get("amount").toString()).matches());
            assertEquals("USD", spent.get("currencyCode"));
            assertTrue(c.get("verifiedEmail") instanceof Boolean);
            assertTrue(TIME.matcher(c.get("createdAt").toString()).matches());
            assertTrue(TIME.matcher(c.get("updatedAt").toString()).matches());
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void productFragmentServedPagedAndAsBulk() {
        pagedAndBulkAgree(PRODUCTS, p -> {
            gid(p.get("id"), "Product");
            assertFalse(p.get("title").toString().isBlank());
            assertTrue(p.get("handle").toString().matches("[a-z0-9-]+"));
            assertFalse(p.get("vendor").toString().isBlank());
            assertTrue(List.of("ACTIVE", "DRAFT", "ARCHIVED").contains(p.get("status")));
            List<Map<String, Object>> variants = (List<Map<String, Object>>) ((Map<String, Object>) p.get("variants")).get("nodes");
            assertFalse(variants.isEmpty());
            for (Map<String, Object> v : variants) {
                gid(v.get("id"), "ProductVariant");
                assertEquals(v.get("legacyResourceId"), idNumber(v.get("id")));
                assertTrue(AMOUNT.matcher(v.get("price").toString()).matches(), "price " + v.get("price"));
                assertTrue((Integer) v.get("position") >= 1);
                assertFalse(v.get("sku").toString().isBlank());
                gid(((Map<String, Object>) v.get("inventoryItem")).get("id"), "InventoryItem");
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void inventoryItemFragmentServedPagedAndAsBulk() {
        pagedAndBulkAgree(INVENTORY, i -> {
            gid(i.get("id"), "InventoryItem");
            assertFalse(i.get("sku").toString().isBlank());
            List<Map<String, Object>> levels = (List<Map<String, Object>>) ((Map<String, Object>) i.get("inventoryLevels")).get("nodes");
            assertEquals(3, levels.size());
            for (Map<String, Object> l : levels) {
                assertTrue(l.get("id").toString().matches("gid://shopify/InventoryLevel/\\d+\\?inventory_item_id="
                        + idNumber(i.get("id"))), "level id " + l.get("id"));
                Map<String, Object> location = (Map<String, Object>) l.get("location");
                gid(location.get("id"), "Location");
                assertFalse(location.get("name").toString().isBlank());
                List<Map<String, Object>> q = (List<Map<String, Object>>) l.get("quantities");
                assertEquals(List.of("available", "on_hand"), q.stream().map(x -> x.get("name")).toList());
                assertTrue((Integer) q.get(1).get("quantity") >= (Integer) q.get(0).get("quantity"));
            }
        });
    }

    @Test
    void documentedCostModelRejectsTheOrderFragmentOnThePagedPath() {
        ShopifyApi retail = new ShopifyApi("retail", "shpat_retail_local");
        JsonPath answer = retail.send(ORDERS.paged().replace("first: 4", "first: 1"), new HashMap<>());
        assertEquals("MAX_COST_EXCEEDED", answer.getString("errors[0].extensions.code"));
        assertTrue(answer.getLong("errors[0].extensions.cost") > 1000);
    }

    @Test
    void groundTruthMatchesWhatThePagedApiServes() {
        List<Map<String, Object>> orders = pageAll(api, ORDERS);
        JsonPath truth = ShopifyApi.admin().get("/simulator/shops/fragments/truth").then().statusCode(200).extract().jsonPath();
        assertEquals(truth.getLong("orders.count"), orders.size());
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> o : orders) {
            total = total.add(money(o, "totalPriceSet", "USD", o.get("presentmentCurrencyCode")));
        }
        assertEquals(0, new BigDecimal(truth.getString("orders.totalPrice")).compareTo(total));
        assertEquals(truth.getLong("customers.count"), pageAll(api, CUSTOMERS).size());
        long ordered = 0;
        long current = 0;
        BigDecimal currentTotal = BigDecimal.ZERO;
        for (Map<String, Object> o : orders) {
            for (Map<String, Object> line : lineItems(o)) {
                int quantity = ((Number) line.get("quantity")).intValue();
                int now = ((Number) line.get("currentQuantity")).intValue();
                assertTrue(now >= 0 && now <= quantity, "current quantity within the ordered one: " + line);
                ordered += quantity;
                current += now;
                currentTotal = currentTotal.add(money(line, "originalUnitPriceSet", "USD", o.get("presentmentCurrencyCode"))
                        .multiply(BigDecimal.valueOf(now)));
            }
        }
        assertEquals(truth.getLong("orders.lineItemQuantity"), ordered);
        assertEquals(truth.getLong("orders.lineItemCurrentQuantity"), current);
        assertEquals(0, new BigDecimal(truth.getString("orders.lineItemCurrentTotal")).compareTo(currentTotal));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lineItems(Map<String, Object> order) {
        return (List<Map<String, Object>>) ((Map<String, Object>) order.get("lineItems")).get("nodes");
    }

    private static void gid(Object id, String type) {
        assertNotNull(id, type + " id");
        assertTrue(id.toString().matches("gid://shopify/" + type + "/\\d+"), "not a " + type + " GID: " + id);
    }

    private static String idNumber(Object gid) {
        String s = gid.toString();
        int q = s.indexOf('?');
        return s.substring(s.lastIndexOf('/') + 1, q < 0 ? s.length() : q);
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal money(Map<String, Object> owner, String field, Object shopCurrency, Object presentment) {
        Map<String, Object> bag = (Map<String, Object>) owner.get(field);
        assertNotNull(bag, field);
        Map<String, Object> shop = (Map<String, Object>) bag.get("shopMoney");
        Map<String, Object> pres = (Map<String, Object>) bag.get("presentmentMoney");
        assertTrue(AMOUNT.matcher(shop.get("amount").toString()).matches(), field + " " + shop);
        assertTrue(AMOUNT.matcher(pres.get("amount").toString()).matches(), field + " " + pres);
        assertEquals(shopCurrency, shop.get("currencyCode"));
        assertEquals(presentment, pres.get("currencyCode"));
        return new BigDecimal(shop.get("amount").toString());
    }
}
