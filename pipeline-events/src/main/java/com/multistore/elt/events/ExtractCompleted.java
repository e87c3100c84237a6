package com.multistore.elt.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code etl.extract.completed}, key runId: one store x entity has been extracted. {@code endOffsets} maps each
 * partition of the raw topic to the next offset after the last record the extractor's sends were acknowledged at
 * (the loader's barrier, rule 1). A FAILED completion carries the reason in {@code error}. {@code observed} is what
 * the extractor saw, for the reconciliation (null for a FAILED completion, or an event of the older format).
 */
public record ExtractCompleted(
        String runId,
        String store,
        Entity entity,
        Status status,
        long recordCount,
        Instant watermarkFrom,
        Instant watermarkTo,
        Map<Integer, Long> endOffsets,
        String error,
        ExtractObservation observed) {

    public ExtractCompleted {
        endOffsets = Collections.unmodifiableMap(endOffsets == null ? new TreeMap<>() : new TreeMap<>(endOffsets));
    }

    /** A completion without an observation (FAILED, or the older format). */
    public ExtractCompleted(String runId, String store, Entity entity, Status status, long recordCount,
                            Instant watermarkFrom, Instant watermarkTo, Map<Integer, Long> endOffsets, String error) {
        this(runId, store, entity, status, recordCount, watermarkFrom, watermarkTo, endOffsets, error, null);
    }
}
