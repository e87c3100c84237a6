package com.multistore.elt.simulator.service;

import java.util.concurrent.atomic.AtomicInteger;

/** Faults injected through the admin API for one shop; each counter is consumed by the next calls. */
public final class Faults {
    public final AtomicInteger http500 = new AtomicInteger();
    public final AtomicInteger http503 = new AtomicInteger();
    public final AtomicInteger http429 = new AtomicInteger();
    public final AtomicInteger throttled = new AtomicInteger();
    public final AtomicInteger internalErrors = new AtomicInteger();
    public final AtomicInteger bulkFailures = new AtomicInteger();
    public volatile int retryAfterSeconds = 2;
    public volatile long bulkFailAfterObjects = 100;
    public volatile long searchLagSeconds;
    /** Extra pause between the steps of this shop's bulk jobs (a slow job to watch, cancel or collide with). */
    public volatile long bulkPauseMillis;

    public void clear() {
        http500.set(0);
        http503.set(0);
        http429.set(0);
        throttled.set(0);
        internalErrors.set(0);
        bulkFailures.set(0);
        searchLagSeconds = 0;
        bulkPauseMillis = 0;
    }

    /** Consumes one unit of a counter if any is left. */
    public static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
