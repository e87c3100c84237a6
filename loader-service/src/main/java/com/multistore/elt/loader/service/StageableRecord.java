package com.multistore.elt.loader.service;

import com.multistore.elt.events.Entity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A raw record that passed validation: the fields staging needs, the payload as JSON text, and the store's business
 * date it belongs to (its archive folder, the day a replay finds it under).
 */
public record StageableRecord(
        SourceRecord source,
        String runId,
        String store,
        Entity entity,
        String gid,
        LocalDate businessDate,
        Instant sourceUpdatedAt,
        Instant extractedAt,
        String payloadJson) implements ReadRecord {

    /** The same record under another run id (a replay stages a day's records under its own run). */
    public StageableRecord underRun(String replayRunId) {
        return new StageableRecord(source, replayRunId, store, entity, gid, businessDate, sourceUpdatedAt, extractedAt,
                payloadJson);
    }
}
