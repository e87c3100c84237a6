package com.multistore.elt.transformer.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.service.store.StoresConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** ops.store_settings: the configured stores, upserted before every run so the merge SQL can join on them. */
@ApplicationScoped
public class StoreSettingsRepository {

    private final AgroalDataSource dataSource;

    public StoreSettingsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void upsert(Map<String, StoresConfig.Store> stores) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/store_settings_upsert.sql"))) {
            for (var store : stores.entrySet()) {
                ps.setString(1, store.getKey());
                ps.setString(2, store.getValue().channel().name());
                ps.setString(3, store.getValue().timeZone().getId());
                ps.setInt(4, store.getValue().inventoryPriority());
                ps.setString(5, store.getValue().currency().orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stores that staged rows in the run but have no settings, comma-separated; empty when there are none. */
    public Optional<String> unconfigured(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/unconfigured_stores.sql"))) {
            for (int i = 1; i <= 7; i++) {
                ps.setString(i, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
