package com.multistore.elt.simulator.service;

import com.multistore.elt.simulator.graphql.Values;
import com.multistore.elt.simulator.model.BakeryFields;
import com.multistore.elt.simulator.model.CustomerRecord;
import com.multistore.elt.simulator.model.DeletionRecord;
import com.multistore.elt.simulator.model.Entity;
import com.multistore.elt.simulator.model.EntityTable;
import com.multistore.elt.simulator.model.InventoryItemRecord;
import com.multistore.elt.simulator.model.LineRecord;
import com.multistore.elt.simulator.model.RefundRecord;
import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.model.ProductRecord;
import com.multistore.elt.simulator.model.ShopData;
import com.multistore.elt.simulator.model.VariantRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/** What tests and demos do to a shop: touch and create orders, delete products, and read the ground truth. */
@ApplicationScoped
public class ShopAdmin {
    private static final Logger LOG = Logger.getLogger(ShopAdmin.class);
    /** EventSubjectType of a deletion -> the GID type of its subject. */
    private static final Map<String, String> DELETED_GID_TYPES = Map.of("PRODUCT", "Product", "PRODUCT_VARIANT",
            "ProductVariant", "ORDER", "Order", "CUSTOMER", "Customer");

    /**
     * Business time (updatedAt, createdAt) comes from the pipeline clock; the {@code wall} millis stay the real
     * time: they say when a write becomes visible to search (search-lag fault), which must happen after real
     * seconds pass even when the clock is fixed.
     */
    private final Clock clock;

    public ShopAdmin(Clock clock) {
        this.clock = clock;
    }

    /** Bumps updatedAt to now on the given orders, or on {@code count} orders spread evenly over the shop. */
    public List<Long> touch(ShopRuntime shop, int count, List<Long> ids) {
        ShopData d = shop.data();
        List<OrderRecord> chosen = chosen(d.orders, count, ids);
        long now = clock.instant().getEpochSecond();
        long wall = System.currentTimeMillis();
        List<Long> touched = new ArrayList<>(chosen.size());
        for (OrderRecord o : chosen) {
            d.orders.touch(o, Math.max(now, o.updatedAt()), wall);
            touched.add(o.id);
        }
        LOG.infof("shop %s: %d orders touched", shop.code, touched.size());
        return touched;
    }

    /**
     * Customers return an item now: on each of {@code count} orders spread evenly over the shop (or the given ids)
     * that are neither cancelled nor refunded yet, the first line is refunded (its current quantity drops to 0, the
     * order is PARTIALLY_REFUNDED) and the order's updatedAt moves to now. Returns the orders refunded.
     */
    public List<Long> refundFirstLines(ShopRuntime shop, int count, List<Long> ids) {
        ShopData d = shop.data();
        List<OrderRecord> candidates = new ArrayList<>();
        for (OrderRecord o : chosen(d.orders, Math.max(count * 3, count), ids)) {
            if (o.cancelledAt == 0 && o.refund == null && o.lines.length > 1 && candidates.size() < count) {
                candidates.add(o);
            }
        }
        long now = clock.instant().getEpochSecond();
        long wall = System.currentTimeMillis();
        List<Long> refunded = new ArrayList<>(candidates.size());
        for (OrderRecord o : candidates) {
            LineRecord l = o.lines[0];
            long at = Math.max(now, o.updatedAt());
            o.refund = new RefundRecord(d.base + ShopData.REFUND + d.sequenceOf(o.id, ShopData.ORDER), at,
                    l.totalCents() - l.discountCents(), "Returned item");
            o.financialStatus = OrderRecord.financial("PARTIALLY_REFUNDED");
            d.orders.touch(o, at, wall);
            refunded.add(o.id);
        }
        LOG.infof("shop %s: the first line of %d orders refunded", shop.code, refunded.size());
        return refunded;
    }

    /**
     * Whole orders are refunded now: each of {@code count} orders spread evenly over the shop (or the given ids) that
     * is neither cancelled nor refunded yet gets a refund of every line, its tax and its shipping (the order is
     * REFUNDED, every line's current quantity drops to 0) and its updatedAt moves to now. Returns the orders refunded.
     */
    public List<Long> refundWholly(ShopRuntime shop, int count, List<Long> ids) {
        ShopData d = shop.data();
        List<OrderRecord> candidates = new ArrayList<>();
        for (OrderRecord o : chosen(d.orders, Math.max(count * 3, count), ids)) {
            if (o.cancelledAt == 0 && o.refund == null && candidates.size() < count) {
                candidates.add(o);
            }
        }
        long now = clock.instant().getEpochSecond();
        long wall = System.currentTimeMillis();
        List<Long> refunded = new ArrayList<>(candidates.size());
        for (OrderRecord o : candidates) {
            long at = Math.max(now, o.updatedAt());
            o.refund = new RefundRecord(d.base + ShopData.REFUND + d.sequenceOf(o.id, ShopData.ORDER), at,
                    o.totalCents(), "Refunded in full");
            o.financialStatus = OrderRecord.financial("REFUNDED");
            d.orders.touch(o, at, wall);
            refunded.add(o.id);
        }
        LOG.infof("shop %s: %d orders refunded in full", shop.code, refunded.size());
        return refunded;
    }

    /**
     * Customers edit their profile now: each of {@code count} customers spread evenly over the shop (or the given ids)
     * takes another last name; with {@code changeEmail}, every second one of them also a new e-mail address (which
     * moves it to another merged customer in a warehouse that merges by e-mail). Orders keep the e-mail they were
     * placed with, as Shopify's do.
     */
    public List<Long> touchCustomers(ShopRuntime shop, int count, List<Long> ids, boolean changeEmail) {
        ShopData d = shop.data();
        List<CustomerRecord> chosen = chosen(d.customers, count, ids);
        long now = clock.instant().getEpochSecond();
        long wall = System.currentTimeMillis();
        List<Long> touched = new ArrayList<>(chosen.size());
        synchronized (d) {
            for (CustomerRecord c : chosen) {
                String lastName = ShopGenerator.LAST[Math.floorMod(c.id + touched.size() + 1, ShopGenerator.LAST.length)];
                if (lastName.equals(c.lastName)) {
                    lastName = lastName + "-" + ShopGenerator.LAST[Math.floorMod(c.id, ShopGenerator.LAST.length)];
                }
                String email = c.email;
                if (changeEmail && touched.size() % 2 == 0) {
                    email = (c.firstName + "." + lastName + "." + (c.id % 100_000)).toLowerCase(Locale.ROOT)
                            + "@changed.example.com";
                }
                CustomerRecord next = new CustomerRecord(c.id, c.createdAt, Math.max(now, c.updatedAt()), c.firstName,
                        lastName, email, c.state, c.tags, c.verifiedEmail);
                next.numberOfOrders = c.numberOfOrders;
                next.amountSpentCents = c.amountSpentCents;
                d.customers.replace(c, next, Math.max(now, c.updatedAt()), wall);
                touched.add(c.id);
            }
        }
        LOG.infof("shop %s: %d customers edited", shop.code, touched.size());
        return touched;
    }

    /**
     * Stock moves now: each of {@code count} inventory items spread evenly over the shop changes its available and
     * on-hand quantity by {@code delta} at every location (available never below zero), and its updatedAt becomes now.
     */
    public List<Long> adjustStock(ShopRuntime shop, int count, int delta) {
        ShopData d = shop.data();
        long now = clock.instant().getEpochSecond();
        long wall = System.currentTimeMillis();
        List<Long> adjusted = new ArrayList<>();
        synchronized (d) {
            for (InventoryItemRecord item : spread(d.inventoryItems.byId().values(), count)) {
                int[] available = item.variant.available;
                int[] onHand = item.variant.onHand;
                for (int l = 0; l < available.length; l++) {
                    int change = Math.max(delta, -available[l]); // on hand never below available
                    available[l] += change;
                    onHand[l] += change;
                }
                d.inventoryItems.touch(item, Math.max(now, item.updatedAt()), wall);
                adjusted.add(item.id);
            }
        }
        LOG.infof("shop %s: stock of %d inventory items moved by %d", shop.code, adjusted.size(), delta);
        return adjusted;
    }

    /** The stored objects of the given ids, or else {@code count} of them spread evenly over the table. */
    private static <T extends Entity> List<T> chosen(EntityTable<T> table, int count, List<Long> ids) {
        if (ids != null && !ids.isEmpty()) {
            return ids.stream().map(table::get).filter(java.util.Objects::nonNull).toList();
        }
        return spread(table.byId().values(), count);
    }

    /** {@code count} of the objects, spread evenly from first to last. */
    private static <T> List<T> spread(java.util.Collection<T> objects, int count) {
        List<T> all = new ArrayList<>(objects);
        int n = Math.min(Math.max(count, 0), all.size());
        List<T> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / n)));
        }
        return chosen;
    }

    /** Creates {@code count} new paid orders now (bakery: new deposits for future events). */
    public List<Long> create(ShopRuntime shop, int count) {
        return create(shop, count, 0, 0);
    }

    /**
     * Creates {@code count} new paid orders now, each with {@code lines} lines (0 = 1..5 at random; not for the
     * bakery's cake orders) and {@code notes} metafields beyond the bakery's own.
     */
    public List<Long> create(ShopRuntime shop, int count, int lines, int notes) {
        ShopData d = shop.data();
        long now = clock.instant().getEpochSecond();
        Random random = new Random(shop.config().seed() * 17 + d.lastOrderNumber.get());
        ShopGenerator.OrderFactory factory = new ShopGenerator.OrderFactory(d, random, now);
        List<Long> ids = new ArrayList<>(count);
        synchronized (d) {
            for (int i = 0; i < count; i++) {
                int customer = d.customers.size() == 0 ? -1 : random.nextInt(d.customers.size());
                BakeryFields bakery = null;
                int variant = -1;
                if (d.bakery) {
                    variant = random.nextInt(d.catalogue.size());
                    String event = Instant.ofEpochSecond(now + (7 + random.nextInt(30)) * 86_400L).atZone(d.zone)
                            .withHour(15).withMinute(0).withSecond(0).toOffsetDateTime()
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    bakery = new BakeryFields("deposit", event, "chocolate", "birthday",
                            "REQ-" + (90_000 + d.lastOrderNumber.get() + 1));
                }
                OrderRecord o = factory.add(new ShopGenerator.OrderSpec(now, customer, variant, bakery == null ? 0 : 1,
                        "PAID", false, bakery, bakery == null ? lines : 0, notes));
                d.orders.touch(o, o.updatedAt(), System.currentTimeMillis());
                ids.add(o.id);
            }
        }
        LOG.infof("shop %s: %d orders created", shop.code, ids.size());
        return ids;
    }

    /**
     * Deletes a product with its variants and inventory items; {@code events} then lists one PRODUCT destroy event
     * (as Shopify, none per variant) and the deprecated {@code deletionEvents} lists it too.
     */
    public boolean deleteProduct(ShopRuntime shop, long productId) {
        ShopData d = shop.data();
        synchronized (d) {
            ProductRecord p = d.products.get(productId);
            if (p == null) {
                return false;
            }
            d.products.remove(productId);
            for (int i = 0; i < p.variantCount; i++) {
                VariantRecord v = d.catalogue.get(p.firstVariant + i);
                d.variants.remove(v.id);
                d.inventoryItems.remove(v.inventoryItemId);
            }
            recordDeletion(d, "PRODUCT", productId, "Product " + p.title);
        }
        return true;
    }

    /**
     * Deletes one variant of a product that keeps at least one other (Shopify refuses to delete a product's last
     * variant): its inventory item goes with it, the product's updatedAt moves to now. Returns false when there is no
     * such variant, and refuses the last one.
     */
    public boolean deleteVariant(ShopRuntime shop, long variantId) {
        ShopData d = shop.data();
        synchronized (d) {
            VariantRecord v = d.variants.get(variantId);
            if (v == null) {
                return false;
            }
            ProductRecord p = d.products.get(v.productId);
            long others = 0;
            for (int i = 0; p != null && i < p.variantCount; i++) {
                VariantRecord sibling = d.catalogue.get(p.firstVariant + i);
                others += sibling.id != variantId && d.variants.get(sibling.id) == sibling ? 1 : 0;
            }
            if (others == 0) {
                throw new IllegalStateException("variant " + variantId + " is the last variant of its product; delete the product");
            }
            d.variants.remove(variantId);
            d.inventoryItems.remove(v.inventoryItemId);
            long now = recordDeletion(d, "PRODUCT_VARIANT", variantId, "Variant " + v.sku);
            d.products.touch(p, Math.max(now, p.updatedAt()), System.currentTimeMillis());
        }
        return true;
    }

    /** Deletes an order (its lines and refund with it); its customer's counters stay as they were. */
    public boolean deleteOrder(ShopRuntime shop, long orderId) {
        ShopData d = shop.data();
        synchronized (d) {
            OrderRecord o = d.orders.get(orderId);
            if (o == null) {
                return false;
            }
            d.orders.remove(orderId);
            recordDeletion(d, "ORDER", orderId, "Order #" + o.number);
        }
        return true;
    }

    /** Deletes a customer who has no orders (Shopify refuses to delete a customer with orders). */
    public boolean deleteCustomer(ShopRuntime shop, long customerId) {
        ShopData d = shop.data();
        synchronized (d) {
            CustomerRecord c = d.customers.get(customerId);
            if (c == null) {
                return false;
            }
            for (OrderRecord o : d.orders.byId().values()) {
                if (o.customerId == customerId) {
                    throw new IllegalStateException("customer " + customerId + " has orders and cannot be deleted");
                }
            }
            d.customers.remove(customerId);
            recordDeletion(d, "CUSTOMER", customerId, "Customer " + c.firstName + " " + c.lastName);
        }
        return true;
    }

    /** Ids of up to {@code count} customers without any order, spread over the shop (candidates for deletion). */
    public List<Long> customersWithoutOrders(ShopRuntime shop, int count) {
        ShopData d = shop.data();
        Set<Long> ordering = new HashSet<>();
        for (OrderRecord o : d.orders.byId().values()) {
            ordering.add(o.customerId);
        }
        List<Long> ids = new ArrayList<>();
        for (CustomerRecord c : d.customers.byId().values()) {
            if (!ordering.contains(c.id) && ids.size() < count) {
                ids.add(c.id);
            }
        }
        return ids;
    }

    /**
     * Lets the shop's destroy events expire, as Shopify's event retention does: the subjects stay deleted, and
     * {@code events} no longer lists them. Returns how many expired.
     */
    public int expireDeletionEvents(ShopRuntime shop) {
        ShopData d = shop.data();
        synchronized (d) {
            List<DeletionRecord> events = new ArrayList<>(d.deletions.byId().values());
            for (DeletionRecord r : events) {
                d.deletions.remove(r.id);
                d.expiredDeletions.add(r);
            }
            LOG.infof("shop %s: %d destroy events expired", d.code, events.size());
            return events.size();
        }
    }

    private long recordDeletion(ShopData d, String subjectType, long subjectId, String title) {
        long now = clock.instant().getEpochSecond();
        DeletionRecord deletion = new DeletionRecord(d.base + ShopData.EVENT + d.lastEventSequence.incrementAndGet(), now,
                subjectType, subjectId, title);
        d.deletions.add(deletion);
        d.deletions.touch(deletion, now, System.currentTimeMillis());
        LOG.infof("shop %s: %s %d deleted", d.code, subjectType, subjectId);
        return now;
    }

    /** Counts and totals of what the shop serves right now, to reconcile a warehouse against. */
    public Map<String, Object> truth(ShopRuntime shop) {
        ShopData d = shop.data();
        long orders = 0;
        long cancelled = 0;
        long refunded = 0;
        long guest = 0;
        long lines = 0;
        long metafields = 0;
        long quantity = 0;
        long currentQuantity = 0;
        long currentLineCents = 0;
        long totalCents = 0;
        long refundedCents = 0;
        long refundLineQuantity = 0;
        long refundLineCents = 0;
        long salesCents = 0;
        long salesRefundedCents = 0;
        Map<String, Long> presentment = new TreeMap<>();
        Map<String, Long> financial = new TreeMap<>();
        long deposits = 0;
        long remainings = 0;
        Map<String, Integer> halves = new HashMap<>();
        Set<String> unpaidRequests = new HashSet<>();
        for (OrderRecord o : d.orders.byId().values()) {
            orders++;
            cancelled += o.cancelledAt != 0 ? 1 : 0;
            refunded += o.refund != null ? 1 : 0;
            guest += o.customerId == 0 ? 1 : 0;
            lines += o.lines.length;
            metafields += o.metafieldCount();
            for (int i = 0; i < o.lines.length; i++) {
                quantity += o.lines[i].quantity();
                currentQuantity += o.currentQuantity(i);
                currentLineCents += (long) o.currentQuantity(i) * o.lines[i].unitCents();
            }
            totalCents += o.totalCents();
            refundedCents += o.refundedCents();
            if (o.refund != null) {
                // the refunded lines as the refund's details list them: all of a full refund's, else the first
                for (int i = 0; i < (o.fullyRefunded() ? o.lines.length : 1); i++) {
                    refundLineQuantity += o.lines[i].quantity();
                    refundLineCents += o.lines[i].totalCents() - o.lines[i].discountCents();
                }
            }
            salesCents += o.test ? 0 : o.totalCents();
            salesRefundedCents += o.test ? 0 : o.refundedCents();
            presentment.merge(o.presentmentCurrency, 1L, Long::sum);
            financial.merge(OrderRecord.FINANCIAL[o.financialStatus], 1L, Long::sum);
            if (o.bakery != null) {
                boolean deposit = o.bakery.orderType().equals("deposit");
                deposits += deposit ? 1 : 0;
                remainings += deposit ? 0 : 1;
                halves.merge(o.bakery.requestId(), 1, Integer::sum);
                if (o.financialStatus == OrderRecord.financial("PENDING")) {
                    unpaidRequests.add(o.bakery.requestId());
                }
            }
        }
        long levels = 0;
        long available = 0;
        long onHand = 0;
        for (InventoryItemRecord item : d.inventoryItems.byId().values()) {
            for (int i = 0; i < item.variant.available.length; i++) {
                levels++;
                available += item.variant.available[i];
                onHand += item.variant.onHand[i];
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("count", orders);
        o.put("cancelled", cancelled);
        o.put("refunded", refunded);
        o.put("withoutCustomer", guest);
        o.put("lineItems", lines);
        o.put("metafields", metafields);
        o.put("lineItemQuantity", quantity);
        o.put("lineItemCurrentQuantity", currentQuantity);
        o.put("lineItemCurrentTotal", Values.amount(currentLineCents));
        o.put("totalPrice", Values.amount(totalCents));
        o.put("totalRefunded", Values.amount(refundedCents));
        o.put("refundLineQuantity", refundLineQuantity);
        o.put("refundLineSubtotal", Values.amount(refundLineCents));
        o.put("sales", Map.of("gross", Values.amount(salesCents), "refunded", Values.amount(salesRefundedCents),
                "net", Values.amount(salesCents - salesRefundedCents)));
        o.put("byPresentmentCurrency", presentment);
        o.put("byFinancialStatus", financial);
        o.put("lastId", d.orders.lastId());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("shop", shop.code);
        t.put("currency", d.currency);
        t.put("timeZone", d.zone.getId());
        t.put("orders", o);
        t.put("customers", Map.of("count", d.customers.size()));
        Map<String, Long> deleted = new TreeMap<>();
        Map<String, List<String>> deletedSubjects = new TreeMap<>();
        List<DeletionRecord> allDeletions = new ArrayList<>(d.deletions.byId().values());
        allDeletions.addAll(d.expiredDeletions);
        for (DeletionRecord r : allDeletions) {
            deleted.merge(r.subjectType, 1L, Long::sum);
            deletedSubjects.computeIfAbsent(r.subjectType, k -> new ArrayList<>())
                    .add(Values.gid(DELETED_GID_TYPES.get(r.subjectType), r.subjectId));
        }
        deletedSubjects.values().forEach(gids -> gids.sort(null));
        t.put("products", Map.of("count", d.products.size(), "deleted", deleted.getOrDefault("PRODUCT", 0L)));
        t.put("deleted", deleted);
        t.put("deletedSubjects", deletedSubjects);
        t.put("variants", Map.of("count", d.variants.size()));
        t.put("inventory", Map.of("items", d.inventoryItems.size(), "levels", levels, "available", available,
                "onHand", onHand));
        t.put("locations", Map.of("count", d.locations.size()));
        if (d.bakery) {
            long pairs = halves.values().stream().filter(n -> n == 2).count();
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("deposits", deposits);
            b.put("remainings", remainings);
            b.put("requests", halves.size());
            b.put("completePairs", pairs);
            b.put("halfMissing", halves.size() - pairs);
            b.put("requestsWithUnpaidHalf", unpaidRequests.size());
            t.put("bakery", b);
        }
        return t;
    }
}
