package com.multistore.elt.transformer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The transformer's configuration: the stores, the run barrier and job settings, the bakery week, DQ thresholds. */
@ConfigMapping(prefix = "pipeline")
public interface TransformerConfig {

    /** Store settings by store code ({@code pipeline.stores.<code>.*}). */
    Map<String, Store> stores();

    Transform transform();

    Bakery bakery();

    DataQuality dq();

    /** The admin token is read by service-support's filter; declared here only so the mapping accepts the key. */
    Admin admin();

    interface Admin {
        Optional<String> token();
    }

    interface Store {
        /** B2C or B2B: the channel of the store's orders. */
        String channel();

        /** IANA time zone of the shop (bakery week, local event times). */
        String timeZone();

        /** "Retail first": lower numbers win a SKU in current inventory. */
        int inventoryPriority();

        /** The shop currency (ISO 4217) for variant prices, which carry none. */
        Optional<String> currency();
    }

    interface Transform {
        /** A run whose planned loads are not all in within this time fails. */
        @WithDefault("PT2H")
        Duration barrierTimeout();

        /** How often runs are checked for the barrier timeout. */
        @WithDefault("PT30S")
        Duration barrierCheckEvery();

        /** How long a merge job waits for a table lock before the attempt fails (and is retried). */
        @WithDefault("PT1M")
        Duration lockTimeout();

        /** How long the replay endpoint waits for the re-run. */
        @WithDefault("PT30M")
        Duration replayWait();
    }

    interface Bakery {
        /** The first day of the bakery week. */
        @WithDefault("MONDAY")
        DayOfWeek weekStart();
    }

    interface DataQuality {
        /** Warn when the newest order update is older than this many hours. */
        @WithDefault("48")
        int freshnessHours();

        /** Warn when a table lost more than this share of its rows since the previous run. */
        @WithDefault("0.5")
        double maxDropRatio();
    }
}
