package com.multistore.elt.extractor.repository;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The extractor's runs and run items ({@code ops.extractor_runs}, {@code ops.extractor_run_items}). */
@ApplicationScoped
public class RunRepository {

    @Inject
    DataSource dataSource;

    /** Window of one planned item: where the extract starts and ends (null = unbounded). */
    public record Window(Instant from, Instant to) {
    }

    public void insertRun(String runId, RunTrigger trigger, Map<String, LocalDate> businessDates, Window replay,
                          List<RunStarted.PlanItem> plan, Map<RunStarted.PlanItem, Window> windows) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement run = c.prepareStatement(SqlFiles.get("insert-run"));
                 PreparedStatement item = c.prepareStatement(SqlFiles.get("insert-run-item"))) {
                run.setString(1, runId);
                run.setString(2, trigger.name());
                run.setString(3, json(businessDates));
                run.setTimestamp(4, ts(replay == null ? null : replay.from()));
                run.setTimestamp(5, ts(replay == null ? null : replay.to()));
                run.executeUpdate();
                for (RunStarted.PlanItem p : plan) {
                    Window w = windows.get(p);
                    item.setString(1, runId);
                    item.setString(2, p.store());
                    item.setString(3, p.entity().code());
                    item.setString(4, p.mode().name());
                    item.setTimestamp(5, ts(w.from()));
                    item.setTimestamp(6, ts(w.to()));
                    item.addBatch();
                }
                item.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record run " + runId + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, LocalDate> businessDates(String json) throws SQLException {
        try {
            return EventJson.mapper().readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("ops.extractor_runs.business_dates is not a JSON object of dates: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, LocalDate> businessDates) {
        try {
            return EventJson.mapper().writeValueAsString(businessDates);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("business dates not writable as JSON: " + e.getMessage(), e);
        }
    }

    public Optional<String> activeRunOf(String store) {
        return queryString(SqlFiles.get("find-active-run-of-store"), store);
    }

    public void startItem(String runId, String store, Entity entity) {
        update("start-run-item", runId, store, entity.code());
    }

    public void progress(String runId, String store, Entity entity, long records, double cost, String bulkOperationId) {
        update("progress-run-item", records, cost, bulkOperationId, runId, store, entity.code());
    }

    /** Ends an item; a SUCCEEDED one with a largest updatedAt keeps it as the candidate watermark. */
    public void finishItem(String runId, String store, Entity entity, boolean succeeded, long records, double cost,
                           Instant candidate, boolean keepsCandidate, String error) {
        String state = succeeded && candidate != null && keepsCandidate ? "CANDIDATE" : "NONE";
        update("finish-run-item", succeeded ? "SUCCEEDED" : "FAILED", records, cost, ts(candidate), state, error,
                runId, store, entity.code());
        update("finish-run", runId);
    }

    /** The run's transform succeeded: candidates become watermarks. Returns how many moved. */
    public int advanceWatermarks(String runId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int moved = execute(c, "advance-watermarks", runId);
                execute(c, "settle-candidates", "ADVANCED", runId);
                c.commit();
                return moved;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot advance the watermarks of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** The run's transform failed: its candidates are dropped, the watermarks stay. */
    public int discardCandidates(String runId) {
        return update("settle-candidates", "DISCARDED", runId);
    }

    public Optional<Instant> watermark(String store, Entity entity) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SqlFiles.get("find-watermark"))) {
            s.setString(1, store);
            s.setString(2, entity.code());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the watermark of " + store + "/" + entity.code(), e);
        }
    }

    /** An item a stopped instance left unfinished. */
    public record Interrupted(String runId, String store, Entity entity, Instant from, Instant to, long records) {
    }

    /** Items a stopped instance left unfinished, now FAILED with {@code reason}. */
    public List<Interrupted> failInterrupted(String reason) {
        List<Interrupted> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(SqlFiles.get("fail-interrupted-items"))) {
                s.setString(1, reason);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(new Interrupted(r.getString(1), r.getString(2), Entity.fromCode(r.getString(3)),
                                instant(r.getTimestamp(4)), instant(r.getTimestamp(5)), r.getLong(6)));
                    }
                }
                execute(c, "fail-interrupted-runs", reason);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fail interrupted runs: " + e.getMessage(), e);
        }
        return items;
    }

    public Optional<RunView> find(String runId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement run = c.prepareStatement(SqlFiles.get("find-run"));
             PreparedStatement items = c.prepareStatement(SqlFiles.get("find-run-items"))) {
            run.setString(1, runId);
            items.setString(1, runId);
            try (ResultSet r = run.executeQuery(); ResultSet i = items.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                List<RunItem> list = new ArrayList<>();
                while (i.next()) {
                    list.add(new RunItem(i.getString(1), Entity.fromCode(i.getString(2)),
                            ExtractMode.valueOf(i.getString(3)), i.getString(4), i.getLong(5), i.getBigDecimal(6),
                            instant(i.getTimestamp(7)), instant(i.getTimestamp(8)), instant(i.getTimestamp(9)),
                            i.getString(10), i.getString(11), instant(i.getTimestamp(12)), instant(i.getTimestamp(13)),
                            i.getString(14)));
                }
                return Optional.of(new RunView(r.getString(1), r.getString(2), businessDates(r.getString(3)),
                        r.getString(4), instant(r.getTimestamp(5)), instant(r.getTimestamp(6)),
                        instant(r.getTimestamp(7)), instant(r.getTimestamp(8)), r.getString(9), list));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read run " + runId + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> queryString(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    private int update(String file, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return execute(c, file, params);
        } catch (SQLException e) {
            throw new IllegalStateException(file + " failed: " + e.getMessage(), e);
        }
    }

    private static int execute(Connection c, String file, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SqlFiles.get(file))) {
            bind(s, params);
            return s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                s.setObject(i + 1, null);
            } else if (p instanceof Double d) {
                s.setBigDecimal(i + 1, java.math.BigDecimal.valueOf(d));
            } else {
                s.setObject(i + 1, p);
            }
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
