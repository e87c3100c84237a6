package com.multistore.elt.notifier.repository;

import com.multistore.elt.service.sql.SqlFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** {@code ops.powerbi_refresh_quota}: the refreshes asked for per dataset and day, against a daily cap. */
@ApplicationScoped
public class RefreshQuota {

    private static final String TAKE = SqlFiles.text("sql/ops/notifier/take_refresh_quota.sql");

    @Inject
    AgroalDataSource dataSource;

    /** Takes one refresh of the day's quota; false when the cap is already reached (nothing is counted then). */
    public boolean take(String dataset, LocalDate day, int cap) throws SQLException {
        if (cap <= 0) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(TAKE)) {
            s.setString(1, dataset);
            s.setDate(2, Date.valueOf(day));
            s.setInt(3, cap);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
