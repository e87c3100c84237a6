package com.multistore.elt.notifier.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ops.notifications}: one row per (run, attempt) for the notification its etl.transform.completed is owed
 * (send 0), plus one per operator replay (send 1, 2, ...). PENDING while claimed; the claimer holds a lease, measured
 * by the database's clock (the claim that compares leases is one statement in the database), so the times written
 * here are the database's too.
 */
@Entity
@Table(schema = "ops", name = "notifications")
@IdClass(Notification.Key.class)
public class Notification extends PanacheEntityBase {

    public static final String PENDING = "PENDING";

    /** A notification's key: run, attempt and send number. */
    public static class Key implements Serializable {
        public String runId;
        public int attempt;
        public int sendNo;

        public Key() {
        }

        public Key(String runId, int attempt, int sendNo) {
            this.runId = runId;
            this.attempt = attempt;
            this.sendNo = sendNo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && attempt == k.attempt && sendNo == k.sendNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, attempt, sendNo);
        }
    }

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public int attempt;

    @Id
    @Column(name = "send_no")
    public int sendNo;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String status;

    public String detail;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The etl.transform.completed the notification is owed to (JSON), kept for a resume or a replay. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String event;

    /** How each Power BI dataset's refresh stands within the send, a JSON object by dataset name. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String datasets;

    @Column(nullable = false)
    public int tries;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The event-driven notification (send 0) of a run attempt, or of the run's latest attempt when null. */
    public static Optional<Notification> original(String runId, Integer attempt) {
        if (attempt != null) {
            return findByIdOptional(new Key(runId, attempt, 0));
        }
        return find("runId = ?1 and sendNo = 0 order by attempt desc", runId).firstResultOptional();
    }

    /** Whether the claim on this notification still holds (its lease has not run out by the database's clock). */
    public boolean leased() {
        return leaseUntil != null && count("runId = ?1 and attempt = ?2 and sendNo = ?3 and leaseUntil > current_timestamp",
                runId, attempt, sendNo) == 1;
    }

    /** The send, locked until the caller's transaction ends, while it is still PENDING. */
    public static Optional<Notification> pendingLocked(String runId, int attempt, int sendNo) {
        Notification n = findById(new Key(runId, attempt, sendNo), LockModeType.PESSIMISTIC_WRITE);
        return n != null && PENDING.equals(n.status) ? Optional.of(n) : Optional.empty();
    }

    /** Records a PENDING send's outcome at the database's time and ends its claim; false when it was not PENDING. */
    public static boolean finish(String runId, int attempt, int sendNo, String outcome, String detail) {
        return update("status = ?1, detail = ?2, sentAt = current_timestamp, leaseUntil = null"
                + " where runId = ?3 and attempt = ?4 and sendNo = ?5 and status = ?6",
                outcome, detail, runId, attempt, sendNo, PENDING) == 1;
    }
}
