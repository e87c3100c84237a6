package com.multistore.elt.extractor.client;

import com.multistore.elt.extractor.config.ShopifyClientConfig;

import java.time.Duration;

/** Client settings for tests against a WireMock Shopify: short timeouts and backoff, {@code maxRetries} retries. */
public final class TestClientSettings {

    private TestClientSettings() {
    }

    public static ShopifyClientConfig config(int maxRetries) {
        return new ShopifyClientConfig() {
            public Duration connectTimeout() {
                return Duration.ofSeconds(5);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(30);
            }

            public Duration readTimeout() {
                return Duration.ofMillis(800);
            }

            public int maxRetries() {
                return maxRetries;
            }

            public int maxThrottledRetries() {
                return 5;
            }

            public Duration backoffInitial() {
                return Duration.ofMillis(10);
            }

            public Duration backoffMax() {
                return Duration.ofMillis(200);
            }

            public Duration retryAfterMax() {
                return Duration.ofSeconds(1);
            }

            public int firstCostEstimate() {
                return 50;
            }

            public int reserve() {
                return 0;
            }
        };
    }
}
