package com.multistore.elt.transformer.repository;

import com.multistore.elt.service.sql.SqlFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** ops.etl_run_log: one row per run, attempt and job, updated by every try of the job (outside its transaction). */
@ApplicationScoped
public class RunLogRepository {

    private final AgroalDataSource dataSource;

    public RunLogRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records that a try of the job starts; returns how many tries the job has had in this attempt so far. */
    public int tryStarted(String runId, int attempt, String job) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/run_log_attempt_started.sql"))) {
            ps.setString(1, runId);
            ps.setInt(2, attempt);
            ps.setString(3, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public void tryEnded(String runId, int attempt, String job, String status, long rows, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/run_log_attempt_ended.sql"))) {
            ps.setString(1, status);
            ps.setLong(2, rows);
            ps.setString(3, error);
            ps.setString(4, runId);
            ps.setInt(5, attempt);
            ps.setString(6, job);
            ps.executeUpdate();
        }
    }
}
