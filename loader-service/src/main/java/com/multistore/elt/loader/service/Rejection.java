package com.multistore.elt.loader.service;

import com.multistore.elt.events.Entity;

/**
 * A record that cannot be staged, and why. Run, store and entity are filled in when they could be read, so the
 * record is counted against its load.
 */
public record Rejection(SourceRecord source, String runId, String store, Entity entity, Exception error)
        implements ReadRecord {

    public boolean attributable() {
        return runId != null && store != null && entity != null;
    }

    public Rejection underRun(String replayRunId) {
        return new Rejection(source, replayRunId, store, entity, error);
    }
}
