package com.multistore.elt.loader.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.events.Entity;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The replay runs ({@code ops.loader_replays}); each call is its own transaction. */
@ApplicationScoped
public class ReplayRepository {

    @Inject
    AgroalDataSource dataSource;

    public void start(String runId, LocalDate date, String source, List<String> stores, List<Entity> entities)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/staging/start_replay.sql"))) {
            ps.setString(1, runId);
            ps.setObject(2, date);
            ps.setString(3, source);
            ps.setArray(4, stores == null ? null : c.createArrayOf("text", stores.toArray()));
            ps.setArray(5, c.createArrayOf("text", entities.stream().map(Entity::code).toArray()));
            ps.executeUpdate();
        }
    }

    public void end(String runId, String status, long recordsRead, String error) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/staging/end_replay.sql"))) {
            ps.setString(1, status);
            ps.setLong(2, recordsRead);
            ps.setString(3, error);
            ps.setString(4, runId);
            ps.executeUpdate();
        }
    }

    public Optional<Map<String, Object>> find(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/staging/replay.sql"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> replay = new LinkedHashMap<>();
                replay.put("businessDate", rs.getObject("business_date", LocalDate.class));
                replay.put("source", rs.getString("source"));
                replay.put("status", rs.getString("status"));
                replay.put("recordsRead", rs.getLong("records_read"));
                replay.put("error", rs.getString("error"));
                replay.put("startedAt", rs.getTimestamp("started_at").toInstant());
                var ended = rs.getTimestamp("ended_at");
                replay.put("endedAt", ended == null ? null : ended.toInstant());
                return Optional.of(replay);
            }
        }
    }
}
