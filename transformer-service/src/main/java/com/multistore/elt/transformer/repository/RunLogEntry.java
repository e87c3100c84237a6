package com.multistore.elt.transformer.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code ops.etl_run_log}: one row per run, attempt and job; {@code attempts} counts the tries of the job within the
 * attempt. Written outside the merge's own transaction, so a failed try is recorded too.
 */
@Entity
@Table(schema = "ops", name = "etl_run_log")
@IdClass(RunLogEntry.Key.class)
public class RunLogEntry extends PanacheEntityBase {

    /** An entry's key: run, run attempt and job. */
    public static class Key implements Serializable {
        public String runId;
        public int runAttempt;
        public String job;

        public Key() {
        }

        public Key(String runId, int runAttempt, String job) {
            this.runId = runId;
            this.runAttempt = runAttempt;
            this.job = job;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && runAttempt == k.runAttempt
                    && Objects.equals(job, k.job);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, runAttempt, job);
        }
    }

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    @Column(name = "run_attempt")
    public int runAttempt;

    @Id
    public String job;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public long rows;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public String error;

    /** A try of the job starts; returns how many tries the job has had in this attempt so far. */
    public static int tryStarted(String runId, int attempt, String job, Instant now) {
        RunLogEntry entry = findById(new Key(runId, attempt, job), LockModeType.PESSIMISTIC_WRITE);
        if (entry == null) {
            entry = new RunLogEntry();
            entry.runId = runId;
            entry.runAttempt = attempt;
            entry.job = job;
            entry.status = "RUNNING";
            entry.attempts = 1;
            entry.startedAt = now;
            entry.persist();
            return 1;
        }
        entry.status = "RUNNING";
        entry.attempts++;
        entry.endedAt = null;
        return entry.attempts;
    }

    /** A try of the job ended; nothing changes when it never started. */
    public static void tryEnded(String runId, int attempt, String job, String status, long rows, String error,
                                Instant now) {
        RunLogEntry entry = findById(new Key(runId, attempt, job), LockModeType.PESSIMISTIC_WRITE);
        if (entry != null) {
            entry.status = status;
            entry.rows = rows;
            entry.error = error;
            entry.endedAt = now;
        }
    }
}
