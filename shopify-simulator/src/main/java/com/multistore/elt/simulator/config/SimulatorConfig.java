package com.multistore.elt.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the simulator serves: the shops (one token each), the bucket and cost defaults, bulk and versions. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** The shops by code ({@code <code>.myshopify.com}, or {@code /shops/<code>/admin/api/...}). */
    Map<String, ShopConfig> shops();

    /** Seed of the pools shared by the STANDARD shops (customers, catalogue SKUs). */
    @WithDefault("20261122")
    long sharedSeed();

    /** Day the generated history ends on (and bakery events start from); empty = today (UTC). */
    Optional<LocalDate> anchorDate();

    Bucket bucket();

    Cost cost();

    Bulk bulk();

    Versions versions();

    /** Delay after start-up before shops are generated in the background (a request generates its shop at once). */
    @WithDefault("1s")
    java.time.Duration generateAfter();

    /** Bearer token required by {@code /simulator/*} admin endpoints; empty = open (local use). */
    Optional<String> adminToken();

    interface ShopConfig {
        String token();

        @WithDefault("42")
        long seed();

        @WithDefault("STANDARD")
        ShopKind kind();

        @WithDefault("10000")
        int orders();

        @WithDefault("4000")
        int customers();

        @WithDefault("500")
        int products();

        @WithDefault("3")
        int variantsPerProduct();

        @WithDefault("3")
        int locations();

        @WithDefault("USD")
        String currency();

        @WithDefault("America/New_York")
        String timeZone();

        /** Days of order history before the anchor date. */
        @WithDefault("365")
        int historyDays();

        /** Share of customers and catalogue SKUs taken from the pools shared by STANDARD shops. */
        @WithDefault("0.3")
        double sharedRatio();

        /** Cost model name: documented (2 + first x child) or observed (nested connections estimated). */
        Optional<String> costModel();

        Optional<Double> maximumAvailable();

        Optional<Double> restoreRate();
    }

    enum ShopKind { STANDARD, BAKERY }

    interface Bucket {
        @WithDefault("2000")
        double maximumAvailable();

        @WithDefault("100")
        double restoreRate();

        /** HTTP status of a THROTTLED answer: Shopify sends 200; 429 for testing clients. */
        @WithDefault("200")
        int throttledStatus();
    }

    interface Cost {
        @WithDefault("1000")
        int maxQueryCost();

        @WithDefault("documented")
        String model();

        /** The observed model charges nested connections as if they held at most this many nodes. */
        @WithDefault("10")
        int nestedConnectionEstimate();

        @WithDefault("10")
        int mutationCost();
    }

    interface Bulk {
        /** Where result files are written; empty = a temporary directory. */
        Optional<String> directory();

        /** Root objects executed per step of a bulk job. */
        @WithDefault("250")
        int chunkSize();

        /** Pause between steps (lets tests and demos watch a RUNNING job grow). */
        @WithDefault("0")
        long chunkPauseMillis();

        /** Versions from this one on allow {@code concurrentFrom} jobs per type; older ones one. */
        @WithDefault("2026-01")
        String concurrencyVersion();

        @WithDefault("5")
        int concurrentJobs();

        /** Days a result URL stays valid. */
        @WithDefault("7")
        int urlDays();
    }

    interface Versions {
        /** Supported versions; a retired one falls forward to the oldest supported. */
        @WithDefault("2025-07,2025-10,2026-01,2026-04,2026-07")
        List<String> supported();
    }
}
