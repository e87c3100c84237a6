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
import java.util.Optional;

/** {@code ops.infra_pending_stops}: stops postponed because a run was in progress, kept across restarts. */
@ApplicationScoped
public class PendingStops {

    public record PendingStop(String instanceId, String reason, int postponements, Duration waited) {
    }

    private static final String REGISTER = SqlFiles.text("sql/ops/infra/register_pending_stop.sql");
    private static final String LIST = SqlFiles.text("sql/ops/infra/pending_stops.sql");

    @Inject
    AgroalDataSource dataSource;

    public void register(String instanceId, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(REGISTER)) {
            s.setString(1, instanceId);
            s.setString(2, reason);
            s.executeQuery().close();
        }
    }

    public List<PendingStop> all() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LIST);
             ResultSet rs = s.executeQuery()) {
            List<PendingStop> stops = new ArrayList<>();
            while (rs.next()) {
                stops.add(new PendingStop(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Duration.ofSeconds(rs.getLong(4))));
            }
            return stops;
        }
    }

    public Optional<PendingStop> of(String instanceId) throws SQLException {
        return all().stream().filter(p -> p.instanceId().equals(instanceId)).findFirst();
    }

    public void postponedAgain(String instanceId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update ops.infra_pending_stops set postponements = postponements + 1, last_checked_at = now() where instance_id = ?")) {
            s.setString(1, instanceId);
            s.executeUpdate();
        }
    }

    public void remove(String instanceId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from ops.infra_pending_stops where instance_id = ?")) {
            s.setString(1, instanceId);
            s.executeUpdate();
        }
    }
}
