package com.multistore.elt.simulator.model;

/** A stored Shopify object: numeric id (the GID's number), timestamps in epoch seconds. */
public abstract class Entity {
    public final long id;
    public final long createdAt;
    private volatile long updatedAt;
    /** Wall-clock millis of the last write (for the search-lag fault). */
    private volatile long writtenAtMillis;

    protected Entity(long id, long createdAt, long updatedAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public long writtenAtMillis() {
        return writtenAtMillis;
    }

    void updated(long epochSecond, long wallMillis) {
        this.updatedAt = epochSecond;
        this.writtenAtMillis = wallMillis;
    }
}
