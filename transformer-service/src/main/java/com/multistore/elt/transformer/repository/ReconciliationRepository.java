package com.multistore.elt.transformer.repository;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.TransformCompleted.Difference;
import com.multistore.elt.events.TransformCompleted.Reconciliation;
import com.multistore.elt.service.sql.SqlFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** ops.reconciliation: a run's counts by status and the rows that are not OK. */
@ApplicationScoped
public class ReconciliationRepository {

    /** At most this many differences travel in etl.transform.completed (all of them stay in the table). */
    static final int MAX_DIFFERENCES = 20;

    private final AgroalDataSource dataSource;

    public ReconciliationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Reconciliation of(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/reconciliation_results.sql"))) {
            ps.setString(1, runId);
            int ok = 0;
            int warned = 0;
            int failed = 0;
            List<Difference> differences = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ok = rs.getInt("ok");
                    warned = rs.getInt("warned");
                    failed = rs.getInt("failed");
                    if (!"OK".equals(rs.getString("status")) && differences.size() < MAX_DIFFERENCES) {
                        differences.add(new Difference(rs.getString("store"), Entity.fromCode(rs.getString("entity")),
                                rs.getString("metric"), rs.getBigDecimal("source"), rs.getBigDecimal("warehouse"),
                                rs.getBigDecimal("difference"), rs.getString("status"), rs.getString("note")));
                    }
                }
            }
            return new Reconciliation(ok, warned, failed, differences);
        }
    }
}
