package com.multistore.elt.transformer.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.Status;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ops.etl_runs and ops.etl_run_loads: the runs, their plans, their loads, and the claim of each attempt. */
@ApplicationScoped
public class RunRepository {

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public RunRepository(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void recordRun(RunStarted run, String businessDatesJson, String planJson) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/record_run.sql"))) {
            ps.setString(1, run.runId());
            ps.setString(2, run.trigger().name());
            ps.setString(3, businessDatesJson);
            ps.setString(4, planJson);
            ps.executeUpdate();
        }
    }

    public void recordLoad(LoadCompleted load) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/record_load.sql"))) {
            ps.setString(1, load.runId());
            ps.setString(2, load.store());
            ps.setString(3, load.entity().code());
            ps.setString(4, load.status().name());
            ps.setLong(5, load.stagedCount());
            ps.setLong(6, load.deadLetteredCount());
            ps.setString(7, load.error());
            ps.executeUpdate();
        }
    }

    public Optional<BarrierState> barrier(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/barrier_state.sql"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BarrierState(rs.getString("status"), rs.getInt("transform_attempts"),
                        rs.getInt("missing"), rs.getInt("failed"), rs.getString("missing_items"), rs.getString("failures")));
            }
        }
    }

    /** Claims attempt 1 of the run at the clock's now; empty when it was claimed before (or the run is unknown or finished). */
    public Optional<Claim> claimFirstAttempt(String runId) throws SQLException {
        return claim("sql/ops/transformer/claim_first_attempt.sql", runId);
    }

    /** Claims the next attempt of a run transformed before; empty when it never was. */
    public Optional<Claim> claimReplay(String runId) throws SQLException {
        return claim("sql/ops/transformer/claim_replay.sql", runId);
    }

    private Optional<Claim> claim(String file, String runId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SqlFiles.text(file))) {
            ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setString(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getInt(1), rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        }
    }

    public List<String> expiredRuns(Duration timeout) throws SQLException {
        return runIds("sql/ops/transformer/expired_runs.sql", timeout);
    }

    /** Runs with loads but no etl.run.started, the first load older than {@code timeout}. */
    public List<String> unannouncedRuns(Duration timeout) throws SQLException {
        return runIds("sql/ops/transformer/unannounced_runs.sql", timeout);
    }

    private List<String> runIds(String file, Duration timeout) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SqlFiles.text(file))) {
            ps.setDouble(1, timeout.toMillis() / 1000.0);
            List<String> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(rs.getString(1));
                }
            }
            return runs;
        }
    }

    /** Records a run known only by its loads (trigger UNKNOWN), RUNNING, so that it can be claimed and failed. */
    public void recordUnannouncedRun(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/record_unannounced_run.sql"))) {
            ps.setString(1, runId);
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    public List<String> interruptedRuns() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/interrupted_runs.sql"));
             ResultSet rs = ps.executeQuery()) {
            List<String> runs = new ArrayList<>();
            while (rs.next()) {
                runs.add(rs.getString(1));
            }
            return runs;
        }
    }

    public void finish(String runId, int attempt, Status status, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/finish_run.sql"))) {
            ps.setString(1, status.name());
            ps.setString(2, error);
            ps.setString(3, runId);
            ps.setInt(4, attempt);
            ps.executeUpdate();
        }
    }

    /** The state of a run's barrier. */
    public record BarrierState(String runStatus, int transformAttempts, int missing, int failed, String missingItems,
                               String failures) {
        public boolean complete() {
            return missing == 0 && failed == 0;
        }
    }

    /** An attempt claimed for a run, and when (ops.etl_runs.transform_started_at: the attempt's "now"). */
    public record Claim(int attempt, String businessDatesJson, java.time.Instant claimedAt) {
    }
}
