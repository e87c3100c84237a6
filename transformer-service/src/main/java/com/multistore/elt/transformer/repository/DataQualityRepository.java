package com.multistore.elt.transformer.repository;

import com.multistore.elt.service.sql.SqlFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** ops.dq_results: the checks of a run that did not pass. */
@ApplicationScoped
public class DataQualityRepository {

    private final AgroalDataSource dataSource;

    public DataQualityRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<CheckResult> notPassed(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/failed_checks.sql"))) {
            ps.setString(1, runId);
            List<CheckResult> results = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    results.add(new CheckResult(rs.getString("check_name"), rs.getString("severity"),
                            rs.getString("status"), rs.getBigDecimal("observed"), rs.getBigDecimal("threshold"),
                            rs.getString("details")));
                }
            }
            return results;
        }
    }

    /** One check outcome. */
    public record CheckResult(String name, String severity, String status, BigDecimal observed, BigDecimal threshold,
                              String details) {
        public boolean failed() {
            return "FAILED".equals(status);
        }

        public String describe() {
            return name + " (" + details + "): observed " + (observed == null ? "none"
                    : observed.stripTrailingZeros().toPlainString() + " > " + threshold.stripTrailingZeros().toPlainString());
        }
    }
}
