package com.multistore.elt.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The Shopify stores the extractor pulls from: {@code pipeline.stores.<code>.*}. A store is reached either by a base
 * URL (the simulator: {@code http://127.0.0.1:8090/shops/retail}) or by its shop domain
 * ({@code retail.myshopify.com}); the GraphQL endpoint is {@code <base>/admin/api/<version>/graphql.json}.
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

        @WithDefault("B2C")
        Channel channel();

        @WithDefault("UTC")
        ZoneId timeZone();

        /** Lower wins when two stores stock the same SKU (the transformer's "retail first" rule reads it). */
        @WithDefault("100")
        int inventoryPriority();

        @WithDefault("true")
        boolean enabled();
    }

    enum Channel {
        B2C, B2B
    }
}
