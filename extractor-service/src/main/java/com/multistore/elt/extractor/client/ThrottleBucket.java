package com.multistore.elt.extractor.client;

import java.time.Duration;

/**
 * What the extractor knows of one store's leaky bucket: the last {@code throttleStatus} Shopify reported and when.
 * Between answers the bucket refills at {@code restoreRate}; pacing waits until the estimate covers the next query's
 * requested cost, so THROTTLED stays the exception.
 */
public final class ThrottleBucket {

    private double maximumAvailable = -1;
    private double currentlyAvailable;
    private double restoreRate;
    private long observedAtNanos;

    /** Records a {@code throttleStatus} seen at {@code nowNanos}. */
    public synchronized void observe(double maximum, double available, double rate, long nowNanos) {
        this.maximumAvailable = maximum;
        this.currentlyAvailable = available;
        this.restoreRate = rate;
        this.observedAtNanos = nowNanos;
    }

    /**
     * Reserves {@code cost} points now (the query about to be sent), so parallel callers pace each other. The estimate
     * never goes below an empty bucket, as Shopify's does not (a query that does not fit is THROTTLED and costs
     * nothing): otherwise attempts answered without a throttleStatus (5xx, I/O errors) would each deepen the estimate
     * and the next wait would grow past a full refill.
     */
    public synchronized void spend(double cost, long nowNanos) {
        if (known()) {
            currentlyAvailable = Math.max(0, estimate(nowNanos) - cost);
            observedAtNanos = nowNanos;
        }
    }

    /** How long to wait until {@code cost} points are available; zero when nothing is known yet. */
    public synchronized Duration waitFor(double cost, long nowNanos) {
        if (!known() || restoreRate <= 0) {
            return Duration.ZERO;
        }
        double needed = Math.min(cost, maximumAvailable) - estimate(nowNanos);
        if (needed <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil(needed / restoreRate * 1000.0));
    }

    public synchronized double estimate(long nowNanos) {
        double refilled = currentlyAvailable + restoreRate * (nowNanos - observedAtNanos) / 1e9;
        return Math.min(maximumAvailable, refilled);
    }

    public synchronized boolean known() {
        return maximumAvailable >= 0;
    }
}
