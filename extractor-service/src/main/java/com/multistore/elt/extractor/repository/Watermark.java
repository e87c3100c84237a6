package com.multistore.elt.extractor.repository;

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
import java.util.Optional;

/**
 * {@code ops.watermarks}: per store and entity, the largest updatedAt a run extracted whose transform succeeded;
 * the next incremental extract starts there (minus the overlap). A watermark never moves backwards.
 */
@Entity
@Table(schema = "ops", name = "watermarks")
@IdClass(Watermark.Key.class)
public class Watermark extends PanacheEntityBase {

    /** A watermark's key: store and entity code. */
    public static class Key implements Serializable {
        public String store;
        public String entity;

        public Key() {
        }

        public Key(String store, String entity) {
            this.store = store;
            this.entity = entity;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(store, k.store) && Objects.equals(entity, k.entity);
        }

        @Override
        public int hashCode() {
            return Objects.hash(store, entity);
        }
    }

    @Id
    public String store;

    @Id
    public String entity;

    @Column(nullable = false)
    public Instant watermark;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "advanced_at", nullable = false)
    public Instant advancedAt;

    public static Optional<Instant> of(String store, String entity) {
        return Watermark.<Watermark>findByIdOptional(new Key(store, entity)).map(w -> w.watermark);
    }

    /** Moves the store's watermark to {@code candidate} (never backwards); false when it stays where it is. */
    public static boolean advance(String store, String entity, Instant candidate, String runId, Instant now) {
        Watermark current = findById(new Key(store, entity), LockModeType.PESSIMISTIC_WRITE);
        if (current == null) {
            current = new Watermark();
            current.store = store;
            current.entity = entity;
            current.watermark = candidate;
            current.runId = runId;
            current.advancedAt = now;
            current.persist();
            return true;
        }
        if (!current.watermark.isBefore(candidate)) {
            return false;
        }
        current.watermark = candidate;
        current.runId = runId;
        current.advancedAt = now;
        return true;
    }
}
