package com.multistore.elt.transformer.repository;

import com.multistore.elt.service.sql.SqlFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The barrier's set-based statements over ops.etl_runs and ops.etl_run_loads (a run's plan against its loads, the
 * runs past the barrier timeout); on a connection of the caller's transaction when there is one. Rows read and
 * written one by one are the entities {@link EtlRun}, {@link EtlRunLoad} and {@link RunLogEntry}.
 */
@ApplicationScoped
public class RunRepository {

    private final AgroalDataSource dataSource;

    public RunRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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

    /**
     * The earliest run started before this one that plans one of its stores and has not ended (runs of a store merge
     * in the order they started), with the stores they share; empty when nothing is in the way.
     */
    public Optional<Blocker> earlierUnfinishedRun(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/earlier_unfinished_run.sql"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Blocker(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** Runs fully loaded but not claimed yet (they waited for an earlier run of their stores), oldest first. */
    public List<String> readyRuns() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/ready_runs.sql"));
             ResultSet rs = ps.executeQuery()) {
            List<String> runs = new ArrayList<>();
            while (rs.next()) {
                runs.add(rs.getString(1));
            }
            return runs;
        }
    }

    /**
     * The run's SUCCEEDED loads whose staging rows are no longer all there, as "entity@store (n staged, m left)";
     * empty when every load has its rows.
     */
    public Optional<String> stagingGone(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/staging_gone.sql"))) {
            for (int i = 1; i <= 8; i++) {
                ps.setString(i, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
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

    /** A run that has to end before another one may merge, and the stores both plan. */
    public record Blocker(String runId, String stores) {
    }

    /** The state of a run's barrier. */
    public record BarrierState(String runStatus, int transformAttempts, int missing, int failed, String missingItems,
                               String failures) {
        public boolean complete() {
            return missing == 0 && failed == 0;
        }
    }
}
