package com.multistore.elt.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Outbound Shopify HTTP: timeouts, retries, backoff and pacing. {@code pipeline.shopify.*} */
@ConfigMapping(prefix = "pipeline.shopify")
public interface ShopifyClientConfig {

    @WithDefault("PT10S")
    Duration connectTimeout();

    /** Until the answer's headers arrive (the JDK client's request timeout). */
    @WithDefault("PT60S")
    Duration requestTimeout();

    /**
     * The longest pause within an answer's body (a GraphQL answer, a bulk result file being streamed): a server that
     * stops sending mid-body fails the read (and the call is retried) instead of blocking the extraction.
     */
    @WithDefault("PT60S")
    Duration readTimeout();

    /** Retries after THROTTLED, 429, 5xx, INTERNAL_SERVER_ERROR or an I/O error, then the call fails. */
    @WithDefault("8")
    int maxRetries();

    /** THROTTLED answers are retried this often per call (each after the bucket's refill time). */
    @WithDefault("30")
    int maxThrottledRetries();

    /** Exponential backoff with full jitter: random(0, min(max, initial * 2^attempt)). */
    @WithDefault("PT0.5S")
    Duration backoffInitial();

    @WithDefault("PT30S")
    Duration backoffMax();

    /** A 429/5xx answer's Retry-After is honoured up to this long, never longer (a bounded wait). */
    @WithDefault("PT60S")
    Duration retryAfterMax();

    /** Cost assumed for a document never sent before (pacing reserves it in the bucket). */
    @WithDefault("50")
    int firstCostEstimate();

    /** Pacing keeps this many points in the bucket on top of the next query's requested cost. */
    @WithDefault("0")
    int reserve();
}
