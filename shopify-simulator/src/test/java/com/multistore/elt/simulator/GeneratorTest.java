package com.multistore.elt.simulator;

import com.multistore.elt.simulator.config.SimulatorConfig.ShopConfig;
import com.multistore.elt.simulator.config.SimulatorConfig.ShopKind;
import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.model.ShopData;
import com.multistore.elt.simulator.service.ShopGenerator;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator alone: same seed same shop, bakery pairs, and the benchmark size in a bounded heap. */
class GeneratorTest {
    private static final LocalDate ANCHOR = LocalDate.of(2026, 11, 18);

    static ShopConfig shop(ShopKind kind, long seed, int orders, int customers, int products, String currency, String zone) {
        return new ShopConfig() {
            public String token() { return "t"; }
            public long seed() { return seed; }
            public ShopKind kind() { return kind; }
            public int orders() { return orders; }
            public int customers() { return customers; }
            public int products() { return products; }
            public int variantsPerProduct() { return 3; }
            public int locations() { return kind == ShopKind.BAKERY ? 1 : 3; }
            public String currency() { return currency; }
            public String timeZone() { return zone; }
            public int historyDays() { return 365; }
            public double sharedRatio() { return 0.3; }
            public Optional<String> costModel() { return Optional.empty(); }
            public Optional<Double> maximumAvailable() { return Optional.empty(); }
            public Optional<Double> restoreRate() { return Optional.empty(); }
        };
    }

    private static String fingerprint(ShopData d) {
        StringBuilder s = new StringBuilder();
        for (OrderRecord o : d.orders.byId().values()) {
            s.append(o.id).append(o.updatedAt()).append(o.totalCents()).append(o.customerId).append(o.financialStatus).append(';');
        }
        return s.toString();
    }

    @Test
    void lastEditsDoNotPileUpOnTheAnchorsLastSecond() {
        ShopData d = new ShopGenerator("retail", shop(ShopKind.STANDARD, 7, 2000, 10_000, 2000, "USD", "America/New_York"),
                1, 0, ANCHOR).generate();
        long anchor = ANCHOR.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
        // An incremental run overlaps its watermark (the newest updatedAt) by minutes: objects edited in the anchor's
        // last minutes are re-read by every run, so only a handful may be there.
        long customers = d.customers.byId().values().stream().filter(c -> c.updatedAt() >= anchor - 300).count();
        long products = d.products.byId().values().stream().filter(p -> p.updatedAt() >= anchor - 300).count();
        assertTrue(customers <= 10, customers + " of 10000 customers last edited in the anchor's last 5 minutes");
        assertTrue(products <= 5, products + " of 2000 products last edited in the anchor's last 5 minutes");
        assertTrue(d.customers.byId().values().stream().allMatch(c -> c.updatedAt() >= c.createdAt && c.updatedAt() < anchor),
                "every customer edited after its creation and before the anchor");
    }

    @Test
    void sameSeedSameShopOtherSeedOtherShop() {
        ShopConfig a = shop(ShopKind.STANDARD, 7, 2000, 300, 50, "USD", "America/New_York");
        String first = fingerprint(new ShopGenerator("retail", a, 1, 0, ANCHOR).generate());
        assertEquals(first, fingerprint(new ShopGenerator("retail", a, 1, 0, ANCHOR).generate()));
        ShopConfig b = shop(ShopKind.STANDARD, 8, 2000, 300, 50, "USD", "America/New_York");
        assertNotEquals(first, fingerprint(new ShopGenerator("retail", b, 1, 0, ANCHOR).generate()));
    }

    @Test
    void ordersAreOrderedByCreationAndConsistent() {
        ShopData d = new ShopGenerator("retail", shop(ShopKind.STANDARD, 7, 3000, 300, 50, "USD", "UTC"), 1, 0, ANCHOR).generate();
        long lastCreated = Long.MIN_VALUE;
        double lines = 0;
        for (OrderRecord o : d.orders.byId().values()) {
            assertTrue(o.createdAt >= lastCreated, "ids must follow createdAt");
            assertTrue(o.updatedAt() >= o.createdAt);
            assertTrue(o.refundedCents() <= o.totalCents());
            lastCreated = o.createdAt;
            lines += o.lines.length;
        }
        double perOrder = lines / d.orders.size();
        assertTrue(perOrder > 2.5 && perOrder < 3.5, "lines per order " + perOrder);
    }

    @Test
    void bakeryOrdersComeInDepositRemainingPairsAroundThisWeek() {
        ShopData d = new ShopGenerator("bakery", shop(ShopKind.BAKERY, 3, 400, 80, 6, "INR", "Asia/Kolkata"), 1, 0, ANCHOR).generate();
        Map<String, Integer> halves = new HashMap<>();
        LocalDate monday = ANCHOR.with(DayOfWeek.MONDAY);
        int future = 0;
        for (OrderRecord o : d.orders.byId().values()) {
            assertTrue(List.of("deposit", "remaining").contains(o.bakery.orderType()));
            OffsetDateTime event = OffsetDateTime.parse(o.bakery.eventDatetime());
            assertTrue(!event.toLocalDate().isBefore(monday), "event before this week: " + event);
            assertEquals("+05:30", event.getOffset().getId());
            future += event.toLocalDate().isAfter(ANCHOR.plusDays(7)) ? 1 : 0;
            halves.merge(o.bakery.requestId(), 1, Integer::sum);
        }
        assertTrue(future > 0);
        assertTrue(halves.containsValue(2) && halves.containsValue(1));
    }

    @Test
    void benchmarkSizeFitsInACompactHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();
        ShopData retail = new ShopGenerator("retail", shop(ShopKind.STANDARD, 11, 100_000, 40_000, 5_000, "USD",
                "America/New_York"), 1, 0, ANCHOR).generate();
        ShopData wholesale = new ShopGenerator("wholesale", shop(ShopKind.STANDARD, 22, 100_000, 40_000, 5_000, "USD",
                "America/Chicago"), 1, 1, ANCHOR).generate();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory() - before;
        System.out.printf("benchmark size (2 x 100k orders, 40k customers, ~15k variants): generated in %d ms, heap %d MB%n",
                millis, used / (1024 * 1024));
        assertEquals(100_000, retail.orders.size());
        assertEquals(100_000, wholesale.orders.size());
        assertTrue(retail.variants.size() > 12_000 && retail.variants.size() < 18_000, "variants " + retail.variants.size());
        assertTrue(used < 600L * 1024 * 1024, "heap for two benchmark shops: " + used / (1024 * 1024) + " MB");
    }
}
