package com.multistore.elt.simulator.service;

/** Shopify's leaky bucket for one (shop, token): points refill continuously at restoreRate up to maximumAvailable. */
public final class Bucket {
    private double maximumAvailable;
    private double restoreRate;
    private double available;
    private long lastNanos = System.nanoTime();
    // Since start-up (the benchmark's bucket floor): points of the admitted requests, points refunded, THROTTLED answers.
    private double requestedTotal;
    private double refundedTotal;
    private long throttledTotal;

    public Bucket(double maximumAvailable, double restoreRate) {
        this.maximumAvailable = maximumAvailable;
        this.restoreRate = restoreRate;
        this.available = maximumAvailable;
    }

    /** Takes {@code cost} points if the bucket holds them. */
    public synchronized boolean tryTake(double cost) {
        refill();
        if (cost > available) {
            throttledTotal++;
            return false;
        }
        available -= cost;
        requestedTotal += cost;
        return true;
    }

    public synchronized void refund(double points) {
        refill();
        refundedTotal += Math.max(0, points);
        available = Math.min(maximumAvailable, available + Math.max(0, points));
    }

    public synchronized void configure(Double maximum, Double rate, Double current) {
        refill();
        if (maximum != null) {
            maximumAvailable = maximum;
        }
        if (rate != null) {
            restoreRate = rate;
        }
        available = Math.min(maximumAvailable, current != null ? current : available);
    }

    public synchronized Status status() {
        refill();
        return new Status(maximumAvailable, available, restoreRate);
    }

    public synchronized Totals totals() {
        return new Totals(requestedTotal, requestedTotal - refundedTotal, throttledTotal, maximumAvailable, restoreRate);
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(maximumAvailable, available + (now - lastNanos) / 1e9 * restoreRate);
        lastNanos = now;
    }

    /** The throttleStatus of extensions.cost: currentlyAvailable is whole points as Shopify shows it. */
    public record Status(double maximumAvailable, double currentlyAvailable, double restoreRate) {
        public long currentlyAvailableWhole() {
            return (long) Math.floor(currentlyAvailable);
        }
    }

    /** Since start-up: requested cost of the admitted requests, what they actually cost, THROTTLED answers. */
    public record Totals(double requested, double actual, long throttled, double maximumAvailable, double restoreRate) {
    }
}
