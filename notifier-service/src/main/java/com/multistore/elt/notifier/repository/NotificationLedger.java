package com.multistore.elt.notifier.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code ops.notifications}: one row per (run, attempt). Claiming the row is what makes a run notify at most once
 * per attempt, however often its event is delivered (rule 3).
 */
@ApplicationScoped
public class NotificationLedger {

    public enum Kind { POWERBI_REFRESH, SNS_ALERT }

    @Inject
    AgroalDataSource dataSource;

    /** Claims the notification of a run attempt; false when an earlier delivery already claimed it. */
    public boolean claim(String runId, int attempt, Kind kind) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into ops.notifications (run_id, attempt, kind, status)"
                     + " values (?, ?, ?, 'PENDING') on conflict (run_id, attempt) do nothing")) {
            s.setString(1, runId);
            s.setInt(2, attempt);
            s.setString(3, kind.name());
            return s.executeUpdate() == 1;
        }
    }
}
