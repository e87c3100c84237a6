package com.multistore.elt.extractor.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.extractor.messaging.Outbox;
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
import java.util.function.Function;

/** The extractor's runs and run items ({@code ops.extractor_runs}, {@code ops.extractor_run_items}). */
@ApplicationScoped
public class RunRepository {

    @Inject
    DataSource dataSource;

    @Inject
    Outbox outbox;

    /** Window of one planned item: where the extract starts and ends (null = unbounded). */
    public record Window(Instant from, Instant to) {
    }

    /** Records a run and its plan, and writes its etl.run.started to the outbox, in one transaction. */
    public void insertRun(RunStarted started, Window replay, Map<RunStarted.PlanItem, Window> windows) {
        String runId = started.runId();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement run = c.prepareStatement(SqlFiles.text("sql/ops/extractor/insert_run.sql"));
                 PreparedStatement item = c.prepareStatement(SqlFiles.text("sql/ops/extractor/insert_run_item.sql"))) {
                run.setString(1, runId);
                run.setString(2, started.trigger().name());
                run.setString(3, json(started.businessDates()));
                run.setTimestamp(4, ts(replay == null ? null : replay.from()));
                run.setTimestamp(5, ts(replay == null ? null : replay.to()));
                run.executeUpdate();
                for (RunStarted.PlanItem p : started.plan()) {
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
                outbox.add(c, Topics.RUN_STARTED, runId, started);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record run " + runId + ": " + e.getMessage(), e);
        }
        outbox.wake();
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
        return queryString(SqlFiles.text("sql/ops/extractor/find_active_run_of_store.sql"), store);
    }

    public void startItem(String runId, String store, Entity entity) {
        update("sql/ops/extractor/start_run_item.sql", runId, store, entity.code());
    }

    public void progress(String runId, String store, Entity entity, long records, double cost, String bulkOperationId) {
        update("sql/ops/extractor/progress_run_item.sql", records, cost, bulkOperationId, runId, store, entity.code());
    }

    /**
     * Ends an item and writes its etl.extract.completed to the outbox, in one transaction; a SUCCEEDED one with a
     * largest updatedAt keeps it as the candidate watermark.
     */
    public void finishItem(ExtractCompleted completed, long records, double cost, Instant candidate,
                           boolean keepsCandidate) {
        boolean succeeded = completed.status() == Status.SUCCEEDED;
        String state = succeeded && candidate != null && keepsCandidate ? "CANDIDATE" : "NONE";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                execute(c, "sql/ops/extractor/finish_run_item.sql", completed.status().name(), records, cost, ts(candidate), state,
                        completed.error(), completed.runId(), completed.store(), completed.entity().code());
                execute(c, "sql/ops/extractor/finish_run.sql", completed.runId());
                outbox.add(c, Topics.EXTRACT_COMPLETED, completed.runId(), completed);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot finish " + completed.store() + "/" + completed.entity().code()
                    + " of run " + completed.runId() + ": " + e.getMessage(), e);
        }
        outbox.wake();
    }

    /** The run's transform succeeded: candidates become watermarks. Returns how many moved. */
    public int advanceWatermarks(String runId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int moved = execute(c, "sql/ops/extractor/advance_watermarks.sql", runId);
                execute(c, "sql/ops/extractor/settle_candidates.sql", "ADVANCED", runId);
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
        return update("sql/ops/extractor/settle_candidates.sql", "DISCARDED", runId);
    }

    public Optional<Instant> watermark(String store, Entity entity) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SqlFiles.text("sql/ops/extractor/find_watermark.sql"))) {
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

    /**
     * Items a stopped instance left unfinished, now FAILED with {@code reason}, each with the FAILED
     * etl.extract.completed {@code event} makes of it, in one transaction.
     */
    public List<Interrupted> failInterrupted(String reason, Function<Interrupted, ExtractCompleted> event) {
        List<Interrupted> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(SqlFiles.text("sql/ops/extractor/fail_interrupted_items.sql"))) {
                s.setString(1, reason);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(new Interrupted(r.getString(1), r.getString(2), Entity.fromCode(r.getString(3)),
                                instant(r.getTimestamp(4)), instant(r.getTimestamp(5)), r.getLong(6)));
                    }
                }
                execute(c, "sql/ops/extractor/fail_interrupted_runs.sql", reason);
                for (Interrupted item : items) {
                    outbox.add(c, Topics.EXTRACT_COMPLETED, item.runId(), event.apply(item));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fail interrupted runs: " + e.getMessage(), e);
        }
        outbox.wake();
        return items;
    }

    public Optional<RunView> find(String runId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement run = c.prepareStatement(SqlFiles.text("sql/ops/extractor/find_run.sql"));
             PreparedStatement items = c.prepareStatement(SqlFiles.text("sql/ops/extractor/find_run_items.sql"))) {
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
        try (PreparedStatement s = c.prepareStatement(SqlFiles.text(file))) {
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
