package com.multistore.elt.extractor.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * {@code ops.extractor_runs}: a run this extractor started, with each store's business date and, for a replay, the
 * updated_at window. RUNNING until none of its items is pending or running; then FAILED when any item failed.
 */
@Entity
@Table(schema = "ops", name = "extractor_runs")
public class ExtractorRun extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";

    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(nullable = false)
    public String trigger;

    /** The stores' business dates, a JSON object of ISO dates by store code (as in etl.run.started). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "business_dates", nullable = false)
    public String businessDates;

    @Column(nullable = false)
    public String status;

    @Column(name = "replay_from")
    public Instant replayFrom;

    @Column(name = "replay_to")
    public Instant replayTo;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public String error;

    /** The run, locked until the caller's transaction ends (an item finishing and the run ending are one step). */
    public static ExtractorRun locked(String runId) {
        return findById(runId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Ends the run once none of its items is pending or running: FAILED when any failed, else SUCCEEDED. */
    public boolean endIfDone(Instant now) {
        if (!RUNNING.equals(status) || ExtractorRunItem.unfinished(runId) > 0) {
            return false;
        }
        status = ExtractorRunItem.failed(runId) > 0 ? "FAILED" : "SUCCEEDED";
        endedAt = now;
        return true;
    }

    /** Fails every run still RUNNING (at start-up: a stopped instance left them); returns how many. */
    public static int failRunning(String reason, Instant now) {
        return update("status = 'FAILED', endedAt = ?1, error = ?2 where status = ?3", now, reason, RUNNING);
    }
}
