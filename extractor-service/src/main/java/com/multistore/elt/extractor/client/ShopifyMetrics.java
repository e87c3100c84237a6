package com.multistore.elt.extractor.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** The Shopify client's meters, tagged by store: cost spent, throttle waits, retries, THROTTLED answers. */
public class ShopifyMetrics {

    private final MeterRegistry registry;

    public ShopifyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void costSpent(String store, double actualCost) {
        if (actualCost > 0) {
            Counter.builder("shopify.cost.spent").description("Shopify API cost points actually charged")
                    .tag("store", store).register(registry).increment(actualCost);
        }
    }

    /** Pacing waited before sending, so that the bucket is not exhausted. */
    public void throttleWait(String store, Duration waited) {
        Timer.builder("shopify.throttle.wait").description("time spent pacing requests to the bucket")
                .tag("store", store).register(registry).record(waited);
    }

    public void retry(String store, String reason) {
        Counter.builder("shopify.retries").description("Shopify calls retried")
                .tag("store", store).tag("reason", reason).register(registry).increment();
    }

    public void throttled(String store) {
        Counter.builder("shopify.throttled").description("THROTTLED answers received")
                .tag("store", store).register(registry).increment();
    }

    public double costSpent(String store) {
        Counter c = registry.find("shopify.cost.spent").tag("store", store).counter();
        return c == null ? 0 : c.count();
    }

    public double throttledCount(String store) {
        Counter c = registry.find("shopify.throttled").tag("store", store).counter();
        return c == null ? 0 : c.count();
    }

    public long throttleWaits(String store) {
        Timer t = registry.find("shopify.throttle.wait").tag("store", store).timer();
        return t == null ? 0 : t.count();
    }

    public double retries(String store) {
        return registry.find("shopify.retries").tag("store", store).counters().stream().mapToDouble(Counter::count).sum();
    }
}
