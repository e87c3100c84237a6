package com.multistore.elt.infra.repository;

import com.multistore.elt.service.sql.SqlFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ops.infra_run_activity}: which runs started and finished, kept across restarts; read together with the
 * transformer's {@code ops.etl_runs}.
 */
@ApplicationScoped
public class RunActivity {

    private static final String STARTED = SqlFiles.text("sql/ops/infra/run_started.sql");
    private static final String FINISHED = SqlFiles.text("sql/ops/infra/run_finished.sql");
    private static final String IN_PROGRESS = SqlFiles.text("sql/ops/infra/runs_in_progress.sql");

    @Inject
    AgroalDataSource dataSource;

    public void started(String runId) throws SQLException {
        update(STARTED, runId);
    }

    public void finished(String runId) throws SQLException {
        update(FINISHED, runId);
    }

    /** Runs in progress; {@code useRunTable} also trusts the transformer's {@code ops.etl_runs} RUNNING rows. */
    public List<String> inProgress(Duration maxAge, boolean useRunTable) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(IN_PROGRESS)) {
            s.setLong(1, maxAge.toSeconds());
            s.setLong(2, maxAge.toSeconds());
            s.setBoolean(3, useRunTable);
            List<String> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(rs.getString(1));
                }
            }
            return runs;
        }
    }

    private void update(String sql, String runId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, runId);
            s.executeUpdate();
        }
    }
}
