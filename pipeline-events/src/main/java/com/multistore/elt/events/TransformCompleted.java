package com.multistore.elt.events;

import java.util.List;

/**
 * {@code etl.transform.completed}, key runId: the merges and data-quality checks of a run are done. {@code attempt}
 * counts the transformer's attempts at the run (1 for the run itself, +1 for each replay of its merges); the
 * notifier notifies once per (runId, attempt).
 */
public record TransformCompleted(
        String runId,
        int attempt,
        Status status,
        List<JobResult> jobs,
        DataQuality dq) {

    public TransformCompleted {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    /** One merge job of the run. */
    public record JobResult(String name, Status status, long rows, int attempts, long durationMs, String error) {
    }

    /** Counts of data-quality check outcomes. */
    public record DataQuality(int passed, int warned, int failed) {
    }
}
