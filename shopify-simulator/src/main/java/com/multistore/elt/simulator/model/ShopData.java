package com.multistore.elt.simulator.model;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** All objects of one shop. Ids are {@code base + kind offset + sequence}, unique across the simulator's shops. */
public final class ShopData {
    public static final long ORDER = 0;
    public static final long LINE_ITEM = 100_000_000L;
    public static final long CUSTOMER = 200_000_000L;
    public static final long PRODUCT = 300_000_000L;
    public static final long VARIANT = 400_000_000L;
    public static final long INVENTORY_ITEM = 500_000_000L;
    public static final long LOCATION = 600_000_000L;
    public static final long METAFIELD = 700_000_000L;
    /** Within METAFIELD: the bakery's fields are seq x 8 + k below it, an order's notes seq x 100 + k above it. */
    public static final long NOTES = 50_000_000L;
    public static final long REFUND = 800_000_000L;
    public static final long BULK = 900_000_000L;
    public static final long EVENT = 950_000_000L;
    /** An order's transactions: order sequence x 4 + k. */
    public static final long TRANSACTION = 960_000_000L;
    /** Within REFUND: refunds by order sequence; their line items at +50M + line sequence, shipping at +90M + order sequence. */
    public static final long REFUND_LINE = 50_000_000L;
    public static final long REFUND_SHIPPING = 90_000_000L;

    public final String code;
    public final long base;
    public final String currency;
    public final ZoneId zone;
    public final long shopCreatedAt;
    public final EntityTable<OrderRecord> orders = new EntityTable<>();
    public final EntityTable<CustomerRecord> customers = new EntityTable<>();
    public final EntityTable<ProductRecord> products = new EntityTable<>();
    public final EntityTable<VariantRecord> variants = new EntityTable<>();
    public final EntityTable<InventoryItemRecord> inventoryItems = new EntityTable<>();
    public final EntityTable<DeletionRecord> deletions = new EntityTable<>();
    /** Destroy events Shopify no longer serves (their retention passed): still deleted, no longer in {@code events}. */
    public final List<DeletionRecord> expiredDeletions = new java.util.ArrayList<>();
    /** Every variant ever created, by catalogue index (lines keep pointing here after a deletion). */
    public final List<VariantRecord> catalogue;
    public final List<LocationRecord> locations;
    public final AtomicInteger lastOrderNumber;
    public final AtomicLong lastLineSequence;
    /** Events are numbered in the order they happen, as Shopify's ids grow with time. */
    public final AtomicLong lastEventSequence = new AtomicLong();
    public final boolean bakery;

    public ShopData(String code, long base, String currency, ZoneId zone, long shopCreatedAt,
                    List<VariantRecord> catalogue, List<LocationRecord> locations, int lastOrderNumber,
                    long lastLineSequence, boolean bakery) {
        this.code = code;
        this.base = base;
        this.currency = currency;
        this.zone = zone;
        this.shopCreatedAt = shopCreatedAt;
        this.catalogue = catalogue;
        this.locations = locations;
        this.lastOrderNumber = new AtomicInteger(lastOrderNumber);
        this.lastLineSequence = new AtomicLong(lastLineSequence);
        this.bakery = bakery;
    }

    /** The variant at a catalogue index if its product still exists. */
    public VariantRecord liveVariant(int index) {
        VariantRecord v = catalogue.get(index);
        return variants.get(v.id) == v ? v : null;
    }

    public long sequenceOf(long id, long kind) {
        return id - base - kind;
    }
}
