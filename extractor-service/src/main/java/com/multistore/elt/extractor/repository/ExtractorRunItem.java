package com.multistore.elt.extractor.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ops.extractor_run_items}: one store x entity of a run: its mode and window, progress, and the candidate
 * watermark (the largest updatedAt extracted) that becomes the store's watermark once the run's transform
 * succeeded (rule 4).
 */
@Entity
@Table(schema = "ops", name = "extractor_run_items")
@IdClass(ExtractorRunItem.Key.class)
public class ExtractorRunItem extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";
    public static final String CANDIDATE = "CANDIDATE";
    private static final List<String> UNFINISHED = List.of(PENDING, RUNNING);

    /** The item's key: run, store and entity code. */
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

    /** The entity code ({@code orders}, {@code customers}, ...). */
    @Id
    public String entity;

    @Column(nullable = false)
    public String mode;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public long records;

    @Column(name = "cost_spent", nullable = false)
    public BigDecimal costSpent;

    @Column(name = "watermark_from")
    public Instant watermarkFrom;

    @Column(name = "watermark_to")
    public Instant watermarkTo;

    @Column(name = "candidate_watermark")
    public Instant candidateWatermark;

    @Column(name = "watermark_state", nullable = false)
    public String watermarkState;

    @Column(name = "bulk_operation_id")
    public String bulkOperationId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public String error;

    public static Optional<ExtractorRunItem> of(String runId, String store, String entity) {
        return findByIdOptional(new Key(runId, store, entity));
    }

    /** The item, locked until the caller's transaction ends. */
    public static Optional<ExtractorRunItem> locked(String runId, String store, String entity) {
        return findByIdOptional(new Key(runId, store, entity), LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<ExtractorRunItem> ofRun(String runId) {
        return list("runId = ?1 order by store, entity", runId);
    }

    /** The run still extracting from a store, if any ("one run at a time per store"). */
    public static Optional<String> activeRunOf(String store) {
        return find("store = ?1 and status in ?2", store, UNFINISHED).firstResultOptional()
                .map(item -> ((ExtractorRunItem) item).runId);
    }

    /** Items a stopped instance left pending or running, locked until the caller's transaction ends. */
    public static List<ExtractorRunItem> unfinishedLocked() {
        return find("status in ?1 order by runId, store, entity", UNFINISHED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The run's items holding a candidate watermark. */
    public static List<ExtractorRunItem> candidates(String runId) {
        return list("runId = ?1 and watermarkState = ?2 order by store, entity", runId, CANDIDATE);
    }

    static long unfinished(String runId) {
        return count("runId = ?1 and status in ?2", runId, UNFINISHED);
    }

    static long failed(String runId) {
        return count("runId = ?1 and status = ?2", runId, FAILED);
    }
}
