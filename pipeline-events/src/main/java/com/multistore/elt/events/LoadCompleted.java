package com.multistore.elt.events;

import java.util.List;

/**
 * {@code etl.load.completed}, key runId: one store x entity of a run is staged and committed in PostgreSQL.
 * {@code deadLetteredCount} counts the records of this run that went to {@code etl.dlq} instead (rule 5), and
 * {@code deadLetterReasons} says why, most frequent first. A redrive of the load's dead letters sends the load again
 * with the new counts.
 */
public record LoadCompleted(
        String runId,
        String store,
        Entity entity,
        Status status,
        long stagedCount,
        long deadLetteredCount,
        String archiveUri,
        String error,
        List<DeadLetterReason> deadLetterReasons) {

    public LoadCompleted {
        deadLetterReasons = deadLetterReasons == null ? List.of() : List.copyOf(deadLetterReasons);
    }

    /** A load without dead-letter reasons (none, or an event of the older format). */
    public LoadCompleted(String runId, String store, Entity entity, Status status, long stagedCount,
                         long deadLetteredCount, String archiveUri, String error) {
        this(runId, store, entity, status, stagedCount, deadLetteredCount, archiveUri, error, List.of());
    }
}
