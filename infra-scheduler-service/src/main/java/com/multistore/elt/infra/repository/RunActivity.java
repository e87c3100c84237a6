package com.multistore.elt.infra.repository;

import com.multistore.elt.service.sql.SqlFiles;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ops.infra_run_activity}: a run this service saw start ({@code etl.run.started}) and finish
 * ({@code etl.transform.completed}), kept across restarts; read together with the transformer's {@code ops.etl_runs}.
 * Either event may arrive first and either may arrive twice: a start keeps the first start time, a finish the last.
 */
@Entity
@Table(schema = "ops", name = "infra_run_activity")
public class RunActivity extends PanacheEntityBase {

    private static final String IN_PROGRESS = SqlFiles.text("sql/ops/infra/runs_in_progress.sql");

    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "seen_at", nullable = false)
    public Instant seenAt;

    public static void started(String runId, Instant now) {
        RunActivity run = of(runId, now);
        if (run.startedAt == null) {
            run.startedAt = now;
        }
    }

    public static void finished(String runId, Instant now) {
        of(runId, now).finishedAt = now;
    }

    /**
     * Runs in progress, not started before {@code now - maxAge} (the caller's clock: the start times are written by
     * it); {@code useRunTable} also trusts the transformer's {@code ops.etl_runs} RUNNING rows.
     */
    @SuppressWarnings("unchecked")
    public static List<String> inProgress(Instant now, Duration maxAge, boolean useRunTable) {
        Instant oldest = now.minus(maxAge);
        return getEntityManager().createNativeQuery(IN_PROGRESS, String.class)
                .setParameter(1, oldest)
                .setParameter(2, oldest)
                .setParameter(3, useRunTable)
                .getResultList();
    }

    private static RunActivity of(String runId, Instant now) {
        RunActivity run = findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            run = new RunActivity();
            run.runId = runId;
        }
        run.seenAt = now;
        if (!run.isPersistent()) {
            run.persist();
        }
        return run;
    }
}
