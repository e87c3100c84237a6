package com.multistore.elt.simulator.service;

import com.multistore.elt.simulator.config.SimulatorConfig.ShopConfig;
import com.multistore.elt.simulator.config.SimulatorConfig.ShopKind;
import com.multistore.elt.simulator.model.BakeryFields;
import com.multistore.elt.simulator.model.CustomerRecord;
import com.multistore.elt.simulator.model.InventoryItemRecord;
import com.multistore.elt.simulator.model.LineRecord;
import com.multistore.elt.simulator.model.LocationRecord;
import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.model.ProductRecord;
import com.multistore.elt.simulator.model.RefundRecord;
import com.multistore.elt.simulator.model.ShopData;
import com.multistore.elt.simulator.model.VariantRecord;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds a shop's objects from its seed. The same (seed, sizes, anchor date) gives the same shop. STANDARD shops
 * share the first {@code sharedRatio} of their customers (same person, e-mail in another case/whitespace) and of
 * their catalogue (same SKU, other stock); BAKERY shops sell cakes in deposit/remaining order pairs.
 */
public final class ShopGenerator {
    private static final long DAY = 86_400;
    private static final String[] FIRST = {"Jane", "John", "Aisha", "Carlos", "Mei", "Olga", "Ravi", "Sofia", "Tom",
            "Yuki", "Liam", "Emma", "Noah", "Priya", "Lucas", "Zoe"};
    static final String[] LAST = {"Doe", "Smith", "Khan", "Garcia", "Chen", "Ivanova", "Patel", "Rossi",
            "Brown", "Tanaka", "Murphy", "Mueller", "Silva", "Nguyen", "Okafor", "Kowalski"};
    private static final String[] ADJECTIVES = {"Classic", "Organic", "Vintage", "Urban", "Cozy", "Rustic", "Sleek",
            "Bold", "Soft", "Bright"};
    private static final String[] NOUNS = {"Mug", "T-Shirt", "Hoodie", "Candle", "Notebook", "Backpack", "Scarf",
            "Lamp", "Planter", "Blanket", "Cap", "Bottle"};
    private static final String[] SIZES = {"S", "M", "L", "XL", "XXL"};
    private static final String[] VENDORS = {"Northwind", "Acme Goods", "Blue Harbor", "Fjord & Co"};
    private static final String[] FLAVORS = {"chocolate", "vanilla", "red velvet", "lemon", "strawberry",
            "black forest"};
    private static final String[] THEMES = {"unicorn", "superhero", "floral", "wedding", "birthday", "minimal"};
    private static final String[] CAKE_SIZES = {"6\"", "8\"", "10\""};
    private static final String[] LOCATION_NAMES = {"Main street", "Warehouse", "Outlet", "Harbour", "Airport"};
    private static final String[] CITIES = {"Springfield", "Riverton", "Lakeside", "Hillview", "Bayport"};

    private final String code;
    private final ShopConfig cfg;
    private final long sharedSeed;
    private final int standardRank;
    private final long anchor;
    private final LocalDate anchorDate;
    private final ZoneId zone;
    private final Random random;

    /**
     * @param standardRank the shop's position among the STANDARD shops sorted by code (decides the e-mail spelling
     *                     of shared customers, so two shops never spell one the same way)
     */
    public ShopGenerator(String code, ShopConfig cfg, long sharedSeed, int standardRank, LocalDate anchorDate) {
        this.code = code;
        this.cfg = cfg;
        this.sharedSeed = sharedSeed;
        this.standardRank = standardRank;
        this.anchorDate = anchorDate;
        this.anchor = anchorDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        this.zone = ZoneId.of(cfg.timeZone());
        this.random = new Random(cfg.seed() * 31 + code.hashCode());
    }

    /** The id base of a shop: distinct per code, far apart, JSON-safe. */
    public static long baseOf(String code) {
        return (1000L + Math.floorMod(code.hashCode(), 9000)) * 1_000_000_000L;
    }

    public ShopData generate() {
        boolean bakery = cfg.kind() == ShopKind.BAKERY;
        long base = baseOf(code);
        long start = anchor - cfg.historyDays() * DAY;
        List<LocationRecord> locations = locations(base, start);
        List<VariantRecord> catalogue = new ArrayList<>();
        List<ProductRecord> products = bakery ? cakes(base, start, catalogue) : products(base, start, catalogue);
        List<CustomerRecord> customers = customers(base, start);
        ShopData shop = new ShopData(code, base, cfg.currency(), zone, start - 400 * DAY, catalogue, locations, 0, 0,
                bakery);
        products.forEach(shop.products::add);
        for (VariantRecord v : catalogue) {
            shop.variants.add(v);
            shop.inventoryItems.add(new InventoryItemRecord(v));
        }
        customers.forEach(shop.customers::add);
        List<OrderSpec> specs = bakery ? bakeryOrders(start, customers.size()) : orders(start, customers.size());
        specs.sort(Comparator.comparingLong(OrderSpec::createdAt));
        OrderFactory factory = new OrderFactory(shop, random, anchor);
        for (OrderSpec spec : specs) {
            factory.add(spec);
        }
        return shop;
    }

    private List<LocationRecord> locations(long base, long start) {
        List<LocationRecord> list = new ArrayList<>();
        for (int i = 0; i < cfg.locations(); i++) {
            list.add(new LocationRecord(base + ShopData.LOCATION + 1 + i, start - (400 - i) * DAY, i,
                    LOCATION_NAMES[i % LOCATION_NAMES.length] + (i >= LOCATION_NAMES.length ? " " + i : ""),
                    CITIES[i % CITIES.length], "US"));
        }
        return list;
    }

    private List<ProductRecord> products(long base, long start, List<VariantRecord> catalogue) {
        int n = cfg.products();
        int shared = (int) Math.round(n * cfg.sharedRatio());
        String own = code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        own = own.substring(0, Math.min(4, own.length()));
        List<ProductRecord> list = new ArrayList<>(n);
        long step = Math.max(1, (anchor - start - DAY) / Math.max(1, n));
        for (int p = 0; p < n; p++) {
            boolean fromPool = p < shared;
            int k = fromPool ? p : p + 50_000 + Math.floorMod(code.hashCode(), 1000) * 100;
            Random pool = new Random(sharedSeed * 7919 + k);
            String title = ADJECTIVES[pool.nextInt(ADJECTIVES.length)] + " " + NOUNS[pool.nextInt(NOUNS.length)]
                    + " " + (k % 997);
            int basePrice = 500 + pool.nextInt(9500);
            long created = start - 300 * DAY + p * step / 2 + random.nextInt((int) Math.max(1, step / 2));
            long updated = editedBeforeAnchor(created, random.nextInt(200) * DAY / 2);
            long productId = base + ShopData.PRODUCT + 1 + p;
            int first = catalogue.size();
            int variants = 1 + (cfg.variantsPerProduct() <= 1 ? 0 : random.nextInt(2 * cfg.variantsPerProduct() - 1));
            variants = Math.min(variants, SIZES.length);
            for (int v = 0; v < variants; v++) {
                String sku = fromPool ? String.format("SKU-%05d-%d", p, v + 1) : String.format("%s-%05d-%d", own, p, v + 1);
                catalogue.add(variant(base, catalogue.size(), created + v, updated, productId, v + 1, sku,
                        SIZES[v], basePrice + v * 200, random.nextInt(4) == 0 ? basePrice + v * 200 + 500 : 0));
            }
            byte status = (byte) (random.nextInt(20) == 0 ? 1 : random.nextInt(30) == 0 ? 2 : 0);
            list.add(new ProductRecord(productId, created, updated, title, VENDORS[pool.nextInt(VENDORS.length)],
                    NOUNS[k % NOUNS.length], (byte) random.nextInt(ProductRecord.TAG_SETS.length), status, first,
                    variants));
        }
        return list;
    }

    private List<ProductRecord> cakes(long base, long start, List<VariantRecord> catalogue) {
        List<ProductRecord> list = new ArrayList<>();
        int n = Math.max(1, cfg.products());
        for (int p = 0; p < n; p++) {
            String flavor = FLAVORS[p % FLAVORS.length];
            String title = Character.toUpperCase(flavor.charAt(0)) + flavor.substring(1) + " cake"
                    + (p >= FLAVORS.length ? " " + (p / FLAVORS.length + 1) : "");
            long created = start - 200 * DAY + p * DAY;
            long updated = created + random.nextInt(100) * DAY;
            long productId = base + ShopData.PRODUCT + 1 + p;
            int first = catalogue.size();
            String skuStem = "CAKE-" + flavor.toUpperCase(Locale.ROOT).replace(' ', '-') + (p >= FLAVORS.length ? p : "");
            for (int v = 0; v < CAKE_SIZES.length; v++) {
                int inches = 6 + 2 * v;
                catalogue.add(variant(base, catalogue.size(), created + v, updated, productId, v + 1,
                        skuStem + "-" + inches, CAKE_SIZES[v], (2500 + v * 1500 + p * 100) * priceFactor(), 0));
            }
            list.add(new ProductRecord(productId, created, updated, title, "Our bakery", "Cake", (byte) 0, (byte) 0,
                    first, CAKE_SIZES.length));
        }
        return list;
    }

    /** Cake prices read as whole amounts in the shop's currency (INR cakes cost thousands). */
    private int priceFactor() {
        return switch (cfg.currency()) {
            case "INR" -> 60;
            case "JPY" -> 100;
            default -> 1;
        };
    }

    private VariantRecord variant(long base, int index, long created, long updated, long productId, int position,
                                  String sku, String title, int price, int compareAt) {
        int[] available = new int[cfg.locations()];
        int[] onHand = new int[cfg.locations()];
        for (int l = 0; l < available.length; l++) {
            available[l] = random.nextInt(8) == 0 ? 0 : random.nextInt(60);
            onHand[l] = available[l] + (random.nextInt(4) == 0 ? random.nextInt(5) : 0);
        }
        return new VariantRecord(base + ShopData.VARIANT + 1 + index, created, updated, productId,
                base + ShopData.INVENTORY_ITEM + 1 + index, position, sku, title, price, compareAt,
                random.nextInt(15) != 0, available, onHand);
    }

    /**
     * The last edit of an object created at {@code created}, {@code delay} seconds later, folded back into the time
     * before the anchor when it would fall after it: edits stay spread out instead of piling up on the anchor's last
     * second (which a watermark's overlap would then re-read on every incremental run).
     */
    private long editedBeforeAnchor(long created, long delay) {
        long room = anchor - created;
        return room <= 0 ? created : created + Math.floorMod(delay, room);
    }

    private List<CustomerRecord> customers(long base, long start) {
        int n = cfg.customers();
        int shared = (int) Math.round(n * cfg.sharedRatio());
        List<CustomerRecord> list = new ArrayList<>(n);
        long from = start - 200 * DAY;
        long step = Math.max(1, (anchor - from) / Math.max(1, n));
        for (int i = 0; i < n; i++) {
            boolean fromPool = i < shared && cfg.kind() == ShopKind.STANDARD;
            int person = fromPool ? i : 1_000_000 + Math.floorMod(code.hashCode(), 1000) * 100_000 + i;
            Random pool = new Random(sharedSeed * 104_729 + person);
            String first = FIRST[pool.nextInt(FIRST.length)];
            String last = LAST[pool.nextInt(LAST.length)];
            String email = (first + "." + last + person).toLowerCase(Locale.ROOT) + "@example.com";
            if (fromPool) {
                email = spell(email, first, last, person, (standardRank + i) % 3);
            }
            long created = from + i * step + random.nextInt((int) Math.max(1, step));
            long updated = editedBeforeAnchor(created, random.nextInt(120) * DAY / 3 + random.nextInt(3600));
            byte state = (byte) (random.nextInt(25) == 0 ? 1 + random.nextInt(3) : 0);
            list.add(new CustomerRecord(base + ShopData.CUSTOMER + 1 + i, created, Math.max(created, updated), first,
                    last, email, state, (byte) random.nextInt(CustomerRecord.TAG_SETS.length), random.nextInt(10) != 0));
        }
        return list;
    }

    /** One person, three spellings of the same address: lower case, capitalised, padded with whitespace. */
    private static String spell(String email, String first, String last, int person, int style) {
        return switch (style) {
            case 0 -> email;
            case 1 -> first + "." + last + person + "@Example.com";
            default -> " " + email.toUpperCase(Locale.ROOT).charAt(0) + email.substring(1) + "  ";
        };
    }

    private List<OrderSpec> orders(long start, int customers) {
        int n = cfg.orders();
        List<OrderSpec> specs = new ArrayList<>(n);
        long step = Math.max(1, (anchor - start - 3600) / Math.max(1, n));
        for (int i = 0; i < n; i++) {
            long created = start + i * step + random.nextInt((int) Math.max(1, step));
            int customer = customers == 0 || random.nextInt(33) == 0 ? -1 : random.nextInt(customers);
            int roll = random.nextInt(1000);
            String status = roll < 30 ? "PENDING" : roll < 50 ? "AUTHORIZED" : roll < 80 ? "PARTIALLY_REFUNDED"
                    : roll < 100 ? "REFUNDED" : "PAID";
            boolean cancelled = random.nextInt(50) == 0;
            specs.add(new OrderSpec(created, customer, -1, 0, status, cancelled, null));
        }
        return specs;
    }

    private List<OrderSpec> bakeryOrders(long start, int customers) {
        int pairs = Math.max(1, cfg.orders() / 2);
        LocalDate weekStart = anchorDate.with(DayOfWeek.MONDAY);
        List<OrderSpec> specs = new ArrayList<>(cfg.orders());
        int cakes = Math.max(1, cfg.products()) * CAKE_SIZES.length;
        for (int p = 0; p < pairs; p++) {
            // events from this week's Monday up to 9 weeks ahead (some this week are already past)
            LocalDate day = weekStart.plusDays(random.nextInt(63));
            var event = day.atTime(9 + random.nextInt(10), random.nextBoolean() ? 0 : 30).atZone(zone);
            long eventAt = event.toEpochSecond();
            String eventText = event.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            String flavor = FLAVORS[random.nextInt(FLAVORS.length)];
            String theme = THEMES[random.nextInt(THEMES.length)];
            String requestId = "REQ-" + (1000 + p);
            int customer = customers == 0 || random.nextInt(50) == 0 ? -1 : random.nextInt(customers);
            int variant = random.nextInt(cakes);
            long deposit = Math.max(start, Math.min(anchor - 600, eventAt - (3 + random.nextInt(28)) * DAY
                    - random.nextInt(36_000)));
            boolean past = eventAt < anchor;
            int missing = random.nextInt(100);
            if (missing >= 4) {
                String paid = random.nextInt(10) == 0 ? "PENDING" : "PAID";
                specs.add(new OrderSpec(deposit, customer, variant, 1, paid, false,
                        new BakeryFields("deposit", eventText, flavor, theme, requestId)));
            }
            long remaining = deposit + (long) ((eventAt - deposit) * (0.3 + random.nextDouble() * 0.7));
            if (missing < 4 || (remaining < anchor && missing >= 8)) {
                String paid = past || random.nextBoolean() ? "PAID" : "PENDING";
                long at = remaining < anchor ? remaining : anchor - 600 - random.nextInt(3 * 86_400);
                specs.add(new OrderSpec(Math.max(start, at), customer, variant, 2, paid, false,
                        new BakeryFields("remaining", eventText, flavor, theme, requestId)));
            }
        }
        return specs;
    }

    /** What an order will be before it gets its id (ids follow createdAt). half: 0 whole, 1 deposit, 2 remaining. */
    /** @param lineCount lines of a non-bakery order, 0 = the generator's 1..5; @param notes extra metafields */
    record OrderSpec(long createdAt, int customerIndex, int variantIndex, int half, String financialStatus,
                     boolean cancelled, BakeryFields bakery, int lineCount, int notes) {
        OrderSpec(long createdAt, int customerIndex, int variantIndex, int half, String financialStatus,
                  boolean cancelled, BakeryFields bakery) {
            this(createdAt, customerIndex, variantIndex, half, financialStatus, cancelled, bakery, 0, 0);
        }
    }

    /** Turns specs into orders, updating the customers' counters. */
    static final class OrderFactory {
        private final ShopData shop;
        private final Random random;
        private final String[] otherCurrencies;
        private final long horizon;

        /** @param horizon no timestamp goes past this epoch second (the anchor, or now for live-created orders) */
        OrderFactory(ShopData shop, Random random, long horizon) {
            this.shop = shop;
            this.random = random;
            this.horizon = horizon;
            this.otherCurrencies = shop.currency.equals("USD") ? new String[]{"EUR", "CAD", "GBP"}
                    : new String[]{"USD", "EUR".equals(shop.currency) ? "GBP" : "EUR"};
        }

        OrderRecord add(OrderSpec s) {
            int seq = shop.lastOrderNumber.incrementAndGet();
            long id = shop.base + ShopData.ORDER + seq;
            LineRecord[] lines = lines(s);
            long subtotal = 0;
            for (LineRecord l : lines) {
                subtotal += l.totalCents() - l.discountCents();
            }
            int shipping = s.bakery != null ? 0 : random.nextInt(3) == 0 ? 0 : random.nextBoolean() ? 499 : 999;
            int tax = (int) Math.round(subtotal * 0.08);
            String presentment = shop.currency;
            long rate = 1_000_000;
            if (random.nextInt(10) == 0) {
                presentment = otherCurrencies[random.nextInt(otherCurrencies.length)];
                rate = switch (presentment) {
                    case "EUR" -> 920_000;
                    case "GBP" -> 790_000;
                    case "CAD" -> 1_370_000;
                    default -> 1_080_000;
                };
            }
            CustomerRecord customer = s.customerIndex < 0 ? null : shop.customers.get(shop.base + ShopData.CUSTOMER + 1 + s.customerIndex);
            String email = customer != null ? customer.email : random.nextBoolean() ? null : "guest" + seq + "@example.net";
            long room = Math.max(0, Math.min(horizon - s.createdAt, 30 * DAY));
            long updated = s.createdAt + (long) (random.nextDouble() * room);
            byte tags = (byte) (s.bakery != null ? 5 : random.nextInt(5));
            OrderRecord o = new OrderRecord(id, 1000 + seq, s.createdAt, updated, customer == null ? 0 : customer.id,
                    lines, shipping, tax, presentment, rate, email, (byte) random.nextInt(OrderRecord.SOURCE_NAMES.length),
                    tags, random.nextInt(300) == 0, s.bakery, s.notes);
            settle(o, s, updated);
            shop.orders.add(o);
            if (customer != null && o.cancelledAt == 0) {
                customer.numberOfOrders++;
                customer.amountSpentCents += o.totalCents() - o.refundedCents();
            }
            return o;
        }

        private LineRecord[] lines(OrderSpec s) {
            if (s.bakery != null) {
                VariantRecord v = shop.catalogue.get(s.variantIndex);
                int deposit = v.priceCents / 2;
                int unit = s.half == 1 ? deposit : v.priceCents - deposit;
                return new LineRecord[]{new LineRecord(nextLineId(), s.variantIndex, 1, unit, 0)};
            }
            int count = s.lineCount > 0 ? s.lineCount : 1 + random.nextInt(5);
            LineRecord[] lines = new LineRecord[count];
            for (int i = 0; i < count; i++) {
                int index = random.nextInt(shop.catalogue.size());
                VariantRecord v = shop.catalogue.get(index);
                int quantity = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(3);
                int discount = random.nextInt(7) == 0 ? (int) Math.round(v.priceCents * quantity * 0.1) : 0;
                lines[i] = new LineRecord(nextLineId(), index, quantity, v.priceCents, discount);
            }
            return lines;
        }

        private long nextLineId() {
            return shop.base + ShopData.LINE_ITEM + shop.lastLineSequence.incrementAndGet();
        }

        private void settle(OrderRecord o, OrderSpec s, long updated) {
            long now = updated;
            o.financialStatus = OrderRecord.financial(s.financialStatus);
            long age = horizon - o.createdAt;
            o.fulfillmentStatus = (byte) (s.bakery != null ? (s.half == 2 && age > 3 * DAY ? 2 : 0)
                    : age > 5 * DAY ? (random.nextInt(30) == 0 ? 1 : 2) : 0);
            long refundAt = o.createdAt + Math.max(1, (now - o.createdAt) / 2);
            if (s.cancelled) {
                o.cancelledAt = refundAt;
                o.cancelReason = (byte) random.nextInt(OrderRecord.CANCEL_REASONS.length);
                boolean wasPaid = random.nextBoolean();
                o.financialStatus = OrderRecord.financial(wasPaid ? "REFUNDED" : "VOIDED");
                o.fulfillmentStatus = 0;
                if (wasPaid) {
                    o.refund = new RefundRecord(refundId(o), refundAt, o.totalCents(), "Order cancelled");
                }
                o.closedAt = refundAt;
            } else if (s.financialStatus.equals("REFUNDED")) {
                o.refund = new RefundRecord(refundId(o), refundAt, o.totalCents(), "Full refund");
            } else if (s.financialStatus.equals("PARTIALLY_REFUNDED")) {
                LineRecord l = o.lines[0];
                o.refund = new RefundRecord(refundId(o), refundAt, l.totalCents() - l.discountCents(), "Returned item");
            }
            if (o.cancelledAt == 0 && o.fulfillmentStatus == 2 && s.financialStatus.equals("PAID")) {
                o.closedAt = o.createdAt + Math.max(1, (now - o.createdAt) * 3 / 4);
            }
        }

        private long refundId(OrderRecord o) {
            return shop.base + ShopData.REFUND + shop.sequenceOf(o.id, ShopData.ORDER);
        }
    }
}
