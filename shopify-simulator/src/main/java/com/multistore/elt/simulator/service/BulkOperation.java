package com.multistore.elt.simulator.service;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** One bulk query job of a shop: CREATED -> RUNNING -> COMPLETED | FAILED | CANCELING -> CANCELED. */
public final class BulkOperation {
    public final long id;
    public final String query;
    public final boolean groupObjects;
    public final String type = "QUERY";
    public final long createdAt;
    public final Path file;
    public final AtomicLong objectCount = new AtomicLong();
    public final AtomicLong rootObjectCount = new AtomicLong();
    public volatile String status = "CREATED";
    public volatile String errorCode;
    public volatile long completedAt;
    public volatile Long fileSize;
    public volatile String url;
    public volatile String partialDataUrl;
    public volatile boolean cancelRequested;

    public BulkOperation(long id, String query, boolean groupObjects, long createdAt, Path file) {
        this.id = id;
        this.query = query;
        this.groupObjects = groupObjects;
        this.createdAt = createdAt;
        this.file = file;
    }

    public boolean active() {
        return status.equals("CREATED") || status.equals("RUNNING") || status.equals("CANCELING");
    }
}
