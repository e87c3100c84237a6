package com.multistore.elt.loader.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.events.DeadLetterReason;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractObservation;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Status;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The barrier's view of staging (positions, counts) and the declared loads ({@code ops.loader_*}). */
@ApplicationScoped
public class LoadRepository {

    /** What has been staged for a (run, store, entity) so far. */
    public record Counts(long staged, long deadLettered, List<LocalDate> archiveDates, String archiveError) {
        static final Counts NONE = new Counts(0, 0, List.of(), null);
    }

    /** The live consumer's next offset per partition of a raw topic. */
    public Map<Integer, Long> positions(Connection connection, String topic) throws SQLException {
        Map<Integer, Long> positions = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/positions.sql"))) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return positions;
    }

    public Counts counts(Connection connection, String runId, String store, Entity entity) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/counts.sql"))) {
            bind(ps, runId, store, entity);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Counts.NONE;
                }
                List<LocalDate> dates = new ArrayList<>();
                Array array = rs.getArray(3);
                if (array != null) {
                    for (Object d : (Object[]) array.getArray()) {
                        dates.add(((java.sql.Date) d).toLocalDate());
                    }
                }
                return new Counts(rs.getLong(1), rs.getLong(2), dates, rs.getString(4));
            }
        }
    }

    /** Records the load; false when this (run, store, entity) was declared before (the event is then not new). */
    public boolean declare(Connection connection, LoadCompleted load) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/declare_load.sql"))) {
            bind(ps, load.runId(), load.store(), load.entity());
            ps.setString(4, load.status().name());
            ps.setLong(5, load.stagedCount());
            ps.setLong(6, load.deadLetteredCount());
            ps.setString(7, load.archiveUri());
            ps.setString(8, load.error());
            ps.setString(9, load.extracted() == null ? null : json(load.extracted()));
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<LoadCompleted> declared(Connection connection, String runId, String store, Entity entity)
            throws SQLException {
        LoadCompleted load;
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/declared_load.sql"))) {
            bind(ps, runId, store, entity);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                load = new LoadCompleted(runId, store, entity, Status.valueOf(rs.getString(1)),
                        rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), List.of(),
                        rs.getString(6) == null ? null : observation(rs.getString(6)));
            }
        }
        return Optional.of(withReasons(connection, load));
    }

    /** The load with why its records were dead-lettered (the dead letters not redriven since). */
    public LoadCompleted withReasons(Connection connection, LoadCompleted load) throws SQLException {
        if (load.deadLetteredCount() == 0) {
            return load;
        }
        List<DeadLetterReason> reasons = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/dead_letter_reasons.sql"))) {
            bind(ps, load.runId(), load.store(), load.entity());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reasons.add(new DeadLetterReason(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return new LoadCompleted(load.runId(), load.store(), load.entity(), load.status(), load.stagedCount(),
                load.deadLetteredCount(), load.archiveUri(), load.error(), reasons, load.extracted());
    }

    private static String json(ExtractObservation observation) {
        try {
            return EventJson.mapper().writeValueAsString(observation);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ExtractObservation observation(String json) {
        try {
            return EventJson.mapper().readValue(json, ExtractObservation.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts the retention of a merged run's staging rows; returns how many of its loads it marked. */
    public int recordMerged(Connection connection, String runId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/record_merged.sql"))) {
            ps.setString(1, runId);
            return ps.executeUpdate();
        }
    }

    /** Deletes the entity's staging rows past their retention; returns the rows removed per run. */
    public Map<String, Long> expire(Connection connection, Entity entity, Duration retention, Duration unmergedRetention)
            throws SQLException {
        Map<String, Long> removed = new java.util.TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                SqlFiles.text("sql/staging/expire_staging.sql", Map.of("entity", entity.code())))) {
            ps.setDouble(1, retention.toMillis() / 1000.0);
            ps.setDouble(2, unmergedRetention.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    removed.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return removed;
    }

    /** The (store, entity) pairs a run has staged or dead-lettered anything for. */
    public List<Map.Entry<String, Entity>> runStores(Connection connection, String runId) throws SQLException {
        List<Map.Entry<String, Entity>> pairs = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/run_stores.sql"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pairs.add(Map.entry(rs.getString(1), Entity.fromCode(rs.getString(2))));
                }
            }
        }
        return pairs;
    }

    /** Every (store, entity) of a run: staged so far and, once declared, what the load event said. */
    public List<RunLoad> runLoads(Connection connection, String runId) throws SQLException {
        List<RunLoad> loads = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/run_loads.sql"))) {
            ps.setString(1, runId);
            ps.setString(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var declaredAt = rs.getTimestamp("declared_at");
                    loads.add(new RunLoad(rs.getString("store"), rs.getString("entity"), rs.getLong("staged"),
                            rs.getLong("dead_lettered"), rs.getInt("batches"), rs.getString("archive_error"),
                            rs.getString("status") == null ? "STAGING" : rs.getString("status"),
                            rs.getObject("staged_count", Long.class),
                            rs.getObject("dead_lettered_count", Long.class),
                            rs.getString("archive_uri"), rs.getString("error"),
                            declaredAt == null ? null : declaredAt.toInstant()));
                }
            }
        }
        return loads;
    }

    private static void bind(PreparedStatement ps, String runId, String store, Entity entity) throws SQLException {
        ps.setString(1, runId);
        ps.setString(2, store);
        ps.setString(3, entity.code());
    }
}
