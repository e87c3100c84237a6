package com.multistore.elt.events;

/**
 * {@code etl.load.completed}, key runId: one store x entity of a run is staged and committed in PostgreSQL.
 * {@code deadLetteredCount} counts the records of this run that went to {@code etl.dlq} instead (rule 5).
 */
public record LoadCompleted(
        String runId,
        String store,
        Entity entity,
        Status status,
        long stagedCount,
        long deadLetteredCount,
        String archiveUri,
        String error) {
}
