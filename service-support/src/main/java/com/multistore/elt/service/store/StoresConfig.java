package com.multistore.elt.service.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stores, {@code pipeline.stores.<code>.*}: the one mapping of them that every service uses. A store is reached
 * either by a base URL (the simulator: {@code http://127.0.0.1:8090/shops/retail}) or by its shop domain
 * ({@code retail.myshopify.com}). Its time zone decides its business dates; channel, currency and inventory priority
 * feed the merges. Nothing here has a particular business's value as a default: the deployment provides the stores.
 */
@ConfigMapping(prefix = "pipeline.stores")
public interface StoresConfig {

    @WithParentName
    Map<String, Store> all();

    interface Store {
        /** Base URL of the shop, without the {@code /admin/api/...} part. Wins over {@link #shopDomain()}. */
        Optional<URI> baseUrl();

        /** The shop's domain, e.g. {@code retail.myshopify.com} (https). */
        Optional<String> shopDomain();

        @WithDefault("2026-04")
        String apiVersion();

        /** The Admin API token itself, normally from the environment ({@code PIPELINE_STORES_<CODE>_ACCESS_TOKEN}). */
        Optional<String> accessToken();

        /**
         * Where the token lives in AWS Secrets Manager, as {@code <secret-id>#<json-key>} (a JSON secret such as
         * {@code prod/shopify/db_creds}); used when {@link #accessToken()} is not set.
         */
        Optional<String> accessTokenSecret();

        /** B2C or B2B: the channel of the store's orders. */
        Channel channel();

        /** The shop's IANA time zone: its business dates, the bakery week, local event times. */
        ZoneId timeZone();

        /** The shop currency (ISO 4217) for variant prices, which carry none. */
        Optional<String> currency();

        /** "Retail first": lower numbers win a SKU in current inventory. */
        @WithDefault("100")
        int inventoryPriority();

        @WithDefault("true")
        boolean enabled();
    }

    enum Channel {
        B2C, B2B
    }

    /** The enabled stores by code, in code order. */
    default Map<String, Store> enabled() {
        Map<String, Store> enabled = new TreeMap<>();
        all().forEach((code, store) -> {
            if (store.enabled()) {
                enabled.put(code, store);
            }
        });
        return enabled;
    }

    /** The configured store of that code (enabled or not). */
    default Store store(String code) {
        Store store = code == null ? null : all().get(code);
        if (store == null) {
            throw new UnknownStoreException(code, enabled().keySet());
        }
        return store;
    }

    /** The time zone of a configured store: its business day. */
    default ZoneId zoneOf(String code) {
        return store(code).timeZone();
    }
}
