package com.multistore.elt.transformer.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

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

    /** When the latest event for it arrived, by the database's clock (its default on insert, now() on replace). */
    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;

    /** Records a load, or replaces the one recorded before for the same run, store and entity (received again now). */
    public static void record(String runId, String store, String entity, String status, long staged,
                              long deadLettered, String error) {
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
            load.persist();
            return;
        }
        update("status = ?1, stagedCount = ?2, deadLetteredCount = ?3, error = ?4, receivedAt = current_timestamp"
                + " where runId = ?5 and store = ?6 and entity = ?7", status, staged, deadLettered, error, runId, store,
                entity);
    }
}
