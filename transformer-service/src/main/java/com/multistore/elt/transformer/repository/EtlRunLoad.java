package com.multistore.elt.transformer.repository;

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
import java.util.Objects;
import java.time.Instant;

/**
 * {@code ops.etl_run_loads}: every etl.load.completed the barrier received, whether or not its run's etl.run.started
 * arrived first. A later event for the same (run, store, entity) replaces it (a loader replay). The arrival time is
 * the database's: the sweep for runs never announced compares it with the database's now.
 */
@Entity
@Table(schema = "ops", name = "etl_run_loads")
@IdClass(EtlRunLoad.Key.class)
public class EtlRunLoad extends PanacheEntityBase {

    /** A load's key: run, store and entity code. */
    public static class Key implements Serializable {
        public String runId;
        public String store;
        public String entity;

        public Key() {
        }

        public Key(String runId, String store, String entity) {
            this.runId = runId;
            this.store = store;
            this.entity = entity;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(store, k.store)
                    && Objects.equals(entity, k.entity);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, store, entity);
        }
    }

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String store;

    @Id
    public String entity;

    @Column(nullable = false)
    public String status;

    @Column(name = "staged_count", nullable = false)
    public long stagedCount;

    @Column(name = "dead_lettered_count", nullable = false)
    public long deadLetteredCount;

    public String error;

    /** Why its records were dead-lettered: the event's deadLetterReasons as a JSON array of {reason, count}. */
    @Column(name = "dead_letter_reasons", nullable = false)
    @JdbcTypeCode(SqlTypes.JSON)
    public String deadLetterReasons = "[]";

    /** The extractor's observation of the store x entity (ExtractObservation as JSON), for the reconciliation; null: none. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String extracted;

    /** When the latest event for it arrived, by the database's clock (its default on insert, now() on replace). */
    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;

    /** Records a load, or replaces the one recorded before for the same run, store and entity (received again now). */
    /** The run's loads with dead letters, by store and entity. */
    public static java.util.List<EtlRunLoad> withDeadLetters(String runId) {
        return list("runId = ?1 and deadLetteredCount > 0 order by store, entity", runId);
    }

    public static void record(String runId, String store, String entity, String status, long staged,
                              long deadLettered, String error, String deadLetterReasons, String extracted) {
        EtlRunLoad load = findById(new Key(runId, store, entity), LockModeType.PESSIMISTIC_WRITE);
        if (load == null) {
            load = new EtlRunLoad();
            load.runId = runId;
            load.store = store;
            load.entity = entity;
            load.status = status;
            load.stagedCount = staged;
            load.deadLetteredCount = deadLettered;
            load.error = error;
            load.deadLetterReasons = deadLetterReasons;
            load.extracted = extracted;
            load.persist();
            return;
        }
        load.status = status;
        load.stagedCount = staged;
        load.deadLetteredCount = deadLettered;
        load.error = error;
        load.deadLetterReasons = deadLetterReasons;
        load.extracted = extracted;
        update("receivedAt = current_timestamp where runId = ?1 and store = ?2 and entity = ?3", runId, store, entity);
    }
}
