package com.multistore.elt.loader.service;

import com.multistore.elt.events.Entity;

import java.time.Instant;

/** A raw record that passed validation: the fields staging needs, the payload as JSON text, as JSON text. */
public record StageableRecord(
        SourceRecord source,
        String runId,
        String store,
        Entity entity,
        String gid,
        Instant sourceUpdatedAt,
        Instant extractedAt,
        String payloadJson) implements ReadRecord {

    /** The same record under another run id (a replay stages a day's records under its own run). */
    public StageableRecord underRun(String replayRunId) {
        return new StageableRecord(source, replayRunId, store, entity, gid, sourceUpdatedAt, extractedAt, payloadJson);
    }
}
