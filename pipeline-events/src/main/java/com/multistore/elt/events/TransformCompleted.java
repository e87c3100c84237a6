package com.multistore.elt.events;

import java.util.List;

/**
 * {@code etl.transform.completed}, key runId: the merges and data-quality checks of a run are done. {@code attempt}
 * counts the transformer's attempts at the run (1 for the run itself, +1 for each replay of its merges); the
 * notifier notifies once per (runId, attempt). {@code deadLetters} lists every store x entity of the run with dead
 * letters (the {@code dead_letters.<entity>} checks gate the run on them). {@code reconciliation} counts the run's
 * reconciliation rows by status and lists those that are not OK (null: not reconciled, or the older format).
 */
public record TransformCompleted(
        String runId,
        int attempt,
        Status status,
        List<JobResult> jobs,
        DataQuality dq,
        List<DeadLetters> deadLetters,
        Reconciliation reconciliation) {

    public TransformCompleted {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        deadLetters = deadLetters == null ? List.of() : List.copyOf(deadLetters);
    }

    /** An outcome without a reconciliation (a run that failed before it, or the older format). */
    public TransformCompleted(String runId, int attempt, Status status, List<JobResult> jobs, DataQuality dq,
                              List<DeadLetters> deadLetters) {
        this(runId, attempt, status, jobs, dq, deadLetters, null);
    }

    /** An outcome whose loads dead-lettered nothing (or an event of the older format). */
    public TransformCompleted(String runId, int attempt, Status status, List<JobResult> jobs, DataQuality dq) {
        this(runId, attempt, status, jobs, dq, List.of());
    }

    /** The records of one store x entity of the run that went to {@code etl.dlq} instead of staging, and why. */
    public record DeadLetters(String store, Entity entity, long count, List<DeadLetterReason> reasons) {
        public DeadLetters {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /** One merge job of the run. */
    public record JobResult(String name, Status status, long rows, int attempts, long durationMs, String error) {
    }

    /** Counts of the run's reconciliation rows by status, and the rows that are not OK (errors first, at most 20). */
    public record Reconciliation(int ok, int warned, int failed, List<Difference> differences) {
        public Reconciliation {
            differences = differences == null ? List.of() : List.copyOf(differences);
        }
    }

    /** One reconciliation row that is not OK: source and warehouse figures, warehouse - source, WARN|ERROR, why. */
    public record Difference(String store, Entity entity, String metric, java.math.BigDecimal source,
                             java.math.BigDecimal warehouse, java.math.BigDecimal difference, String status, String note) {
        public String describe() {
            return entity.code() + "@" + store + " " + metric + ": source " + source.stripTrailingZeros().toPlainString()
                    + ", warehouse " + warehouse.stripTrailingZeros().toPlainString() + " (difference "
                    + difference.stripTrailingZeros().toPlainString() + ")" + (note == null ? "" : ": " + note);
        }
    }

    /** Counts of data-quality check outcomes. */
    public record DataQuality(int passed, int warned, int failed) {
    }
}
