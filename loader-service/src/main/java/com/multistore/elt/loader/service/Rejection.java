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

    /** Why, in one line (the first line of the error: the grouping key of a load's dead-letter reasons). */
    public String reason() {
        String message = String.valueOf(error.getMessage());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    public Rejection underRun(String replayRunId) {
        return new Rejection(source, replayRunId, store, entity, error);
    }
}
