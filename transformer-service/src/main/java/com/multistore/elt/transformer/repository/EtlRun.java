package com.multistore.elt.transformer.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.SourceType;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code ops.etl_runs}: a run as the transformer knows it (from etl.run.started, or from its loads alone), its plan,
 * and its attempts: 1 for the run itself, +1 per replay. Claiming an attempt locks the row, so each attempt's merges
 * (or its failure) start once however often an event is delivered. The start and end times are the database's: the
 * barrier timeout measures elapsed time against them; an attempt's claim time is the transformer's clock (the
 * marts' "now").
 */
@Entity
@Table(schema = "ops", name = "etl_runs")
public class EtlRun extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";

    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(nullable = false)
    public String trigger;

    /** The stores' business dates, a JSON object of ISO dates by store code. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "business_dates", nullable = false)
    public String businessDates;

    /** The planned (store, entity) loads, a JSON array. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String plan;

    @Column(nullable = false)
    public String status;

    @CreationTimestamp(source = SourceType.DB)
    @Column(name = "started_at", nullable = false, updatable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public String error;

    @Column(name = "transform_attempts", nullable = false)
    public int transformAttempts;

    @Column(name = "transform_started_at")
    public Instant transformStartedAt;

    /** Records a run; false when it was recorded before (a redelivered etl.run.started changes nothing). */
    public static boolean record(String runId, String trigger, String businessDatesJson, String planJson) {
        if (findByIdOptional(runId).isPresent()) {
            return false;
        }
        EtlRun run = new EtlRun();
        run.runId = runId;
        run.trigger = trigger;
        run.businessDates = businessDatesJson;
        run.plan = planJson;
        run.status = RUNNING;
        run.persist();
        return true;
    }

    /** Claims attempt 1 at {@code now}: only a RUNNING run never claimed before. */
    public static Optional<EtlRun> claimFirstAttempt(String runId, Instant now) {
        EtlRun run = findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || !RUNNING.equals(run.status) || run.transformAttempts != 0) {
            return Optional.empty();
        }
        run.transformAttempts = 1;
        run.transformStartedAt = now;
        return Optional.of(run);
    }

    /** Claims the next attempt at {@code now} of a run transformed before (a replay, or a resumption). */
    public static Optional<EtlRun> claimNextAttempt(String runId, Instant now) {
        EtlRun run = findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || run.transformAttempts == 0) {
            return Optional.empty();
        }
        run.transformAttempts++;
        run.transformStartedAt = now;
        run.status = RUNNING;
        run.error = null;
        run.endedAt = null;
        return Optional.of(run);
    }

    /** The outcome of an attempt, ended at the database's time; nothing changes when a later attempt was claimed. */
    public static int finish(String runId, int attempt, String status, String error) {
        return update("status = ?1, error = ?2, endedAt = current_timestamp where runId = ?3 and transformAttempts = ?4",
                status, error, runId, attempt);
    }
}
