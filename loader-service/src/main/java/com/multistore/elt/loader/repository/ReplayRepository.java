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
import java.util.List;
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

    public Optional<ReplayRun> find(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/staging/replay.sql"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                var ended = rs.getTimestamp("ended_at");
                return Optional.of(new ReplayRun(rs.getObject("business_date", LocalDate.class), rs.getString("source"),
                        rs.getString("status"), rs.getLong("records_read"), rs.getString("error"),
                        rs.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant()));
            }
        }
    }
}
