package com.multistore.elt.events;

import java.util.List;

/**
 * {@code etl.load.completed}, key runId: one store x entity of a run is staged and committed in PostgreSQL.
 * {@code deadLetteredCount} counts the records of this run that went to {@code etl.dlq} instead (rule 5), and
 * {@code deadLetterReasons} says why, most frequent first. A redrive of the load's dead letters sends the load again
 * with the new counts. {@code extracted} is the extractor's observation of the store x entity, passed on unchanged
 * from its {@code etl.extract.completed} for the transformer's reconciliation (null when there was none: a failed
 * extract, a replay from Kafka or the archive).
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
        List<DeadLetterReason> deadLetterReasons,
        ExtractObservation extracted) {

    public LoadCompleted {
        deadLetterReasons = deadLetterReasons == null ? List.of() : List.copyOf(deadLetterReasons);
    }

    /** A load without the extractor's observation. */
    public LoadCompleted(String runId, String store, Entity entity, Status status, long stagedCount,
                         long deadLetteredCount, String archiveUri, String error, List<DeadLetterReason> deadLetterReasons) {
        this(runId, store, entity, status, stagedCount, deadLetteredCount, archiveUri, error, deadLetterReasons, null);
    }

    /** This load with the extractor's observation. */
    public LoadCompleted withExtracted(ExtractObservation observation) {
        return new LoadCompleted(runId, store, entity, status, stagedCount, deadLetteredCount, archiveUri, error,
                deadLetterReasons, observation);
    }

    /** A load without dead-letter reasons (none, or an event of the older format). */
    public LoadCompleted(String runId, String store, Entity entity, Status status, long stagedCount,
                         long deadLetteredCount, String archiveUri, String error) {
        this(runId, store, entity, status, stagedCount, deadLetteredCount, archiveUri, error, List.of());
    }
}
