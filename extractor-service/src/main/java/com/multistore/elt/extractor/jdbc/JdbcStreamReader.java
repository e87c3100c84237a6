package com.multistore.elt.extractor.jdbc;

import com.multistore.elt.service.source.SourceStream;
import com.multistore.elt.service.source.SourcesConfig;
import com.multistore.elt.service.sql.SqlFiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads one stream of a JDBC source in keyset chunks without loading the source: each chunk is one statement in its
 * own read-only transaction ({@code (cursor, key) > (last)} below the window's frozen upper bound, ordered by
 * {@code (cursor, key)}, at most {@code chunk-size} rows; never OFFSET), so no long transaction holds the source's
 * vacuum back and a chunk edge never loses or repeats a row, also when many rows share one cursor value. An
 * incremental stream reads its cursor window, a child stream its rows whose parent is in the parent's window, a
 * snapshot every row by key. A row that cannot be converted goes to {@link Sink#unreadable} with its table and key;
 * the rest of the chunk goes on. Cursor values and bounds travel as {@code LocalDateTime}, never through
 * {@code java.sql.Timestamp}: a local time of the source that falls in a daylight-saving gap of the machine's own zone
 * would otherwise be shifted by an hour, and a chunk edge would lose or repeat rows.
 */
public final class JdbcStreamReader {

    /** Where the rows go, chunk by chunk. */
    public interface Sink {
        void row(SourceRow row) throws Exception;

        void unreadable(RowConversionException e) throws Exception;

        /** After each chunk's rows: the chunk is complete. */
        default void chunkRead(int rows) throws Exception {
        }
    }

    /** What a read found: rows read, rows unreadable, chunks, and the newest cursor value seen (null when none). */
    public record Result(long rows, long unreadable, int chunks, LocalDateTime newestCursor, List<SourceColumn> columns) {
    }

    private final ZoneId zone;
    private final Duration statementTimeout;

    public JdbcStreamReader(ZoneId zone, Duration statementTimeout) {
        this.zone = zone;
        this.statementTimeout = statementTimeout;
    }

    /** The columns of the stream's table as the source declares them now. */
    public List<SourceColumn> columns(Connection c, SourceStream stream) throws SQLException {
        return readOnly(c, () -> {
            try (PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/source/jdbc/columns.sql",
                    Map.of("table", stream.table())));
                 ResultSet rs = ps.executeQuery()) {
                return columnsOf(rs.getMetaData(), rs.getMetaData().getColumnCount());
            }
        });
    }

    /**
     * Reads the stream: an incremental or child stream within the window, a snapshot whole ({@code window} ignored);
     * {@code businessDate} dates the rows without a cursor.
     */
    public Result read(Connection c, SourceStream stream, StreamWindow window, LocalDate businessDate, Sink sink)
            throws Exception {
        boolean cursored = stream.mode() != SourcesConfig.Mode.SNAPSHOT;
        List<Object> after = null;
        long rows = 0;
        long unreadable = 0;
        int chunks = 0;
        LocalDateTime newest = null;
        List<SourceColumn> columns = null;
        while (true) {
            String sql = statement(stream, window, after != null);
            List<Object> params = new ArrayList<>();
            if (cursored) {
                params.add(window.upper());
                if (window.lower() != null) {
                    params.add(window.lower());
                }
            }
            if (after != null) {
                params.addAll(after);
            }
            params.add(stream.chunkSize());
            List<SourceRow> chunk = new ArrayList<>();
            List<RowConversionException> bad = new ArrayList<>();
            Chunk result = readOnly(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setQueryTimeout((int) Math.max(1, statementTimeout.toSeconds()));
                    ps.setFetchSize(Math.min(stream.chunkSize(), 1000));
                    for (int i = 0; i < params.size(); i++) {
                        ps.setObject(i + 1, params.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        int own = cursored ? meta.getColumnCount() - 1 : meta.getColumnCount();
                        List<SourceColumn> cols = columnsOf(meta, own);
                        List<Object> last = null;
                        int n = 0;
                        LocalDateTime top = null;
                        while (rs.next()) {
                            n++;
                            List<Object> keyValues = new ArrayList<>();
                            for (String k : stream.key()) {
                                keyValues.add(rs.getObject(k));
                            }
                            LocalDateTime cursor = cursored ? RowValues.cursor(rs, "_cursor", zone) : null;
                            last = new ArrayList<>();
                            if (cursored) {
                                last.add(cursor);
                            }
                            last.addAll(keyValues);
                            String gid = RowValues.gid(keyValues);
                            if (keyValues.contains(null)) {
                                bad.add(new RowConversionException(stream.table(), gid, String.join(",", stream.key()),
                                        new SQLException("the key is null")));
                                continue;
                            }
                            try {
                                chunk.add(new SourceRow(gid, cursor == null ? null : cursor.atZone(zone).toInstant(),
                                        cursor == null ? businessDate : cursor.toLocalDate(),
                                        RowValues.of(rs, cols, stream.table(), gid)));
                            } catch (RowConversionException e) {
                                bad.add(e);
                            }
                            if (cursor != null && (top == null || cursor.isAfter(top))) {
                                top = cursor;
                            }
                        }
                        return new Chunk(n, last, top, cols);
                    }
                }
            });
            for (SourceRow row : chunk) {
                sink.row(row);
            }
            for (RowConversionException e : bad) {
                sink.unreadable(e);
            }
            columns = columns == null ? result.columns() : columns;
            rows += chunk.size();
            unreadable += bad.size();
            chunks++;
            if (result.newest() != null && (newest == null || result.newest().isAfter(newest))) {
                newest = result.newest();
            }
            sink.chunkRead(result.rows());
            if (result.rows() < stream.chunkSize()) {
                return new Result(rows, unreadable, chunks, newest, columns == null ? List.of() : columns);
            }
            after = result.last();
        }
    }

    private record Chunk(int rows, List<Object> last, LocalDateTime newest, List<SourceColumn> columns) {
    }

    /** What the source holds of a stream's window: its rows and the sums of its configured columns (exact). */
    public record Observation(long rows, Map<String, java.math.BigDecimal> sums) {
    }

    /**
     * The source side of the reconciliation, asked right after the extraction in a read-only transaction: the rows of
     * the window (an incremental stream's cursor in it, a child's parent's cursor in it, a snapshot's every row) and
     * the sums of the stream's {@code sums} columns.
     */
    public Observation observe(Connection c, SourceStream stream, StreamWindow window) throws SQLException {
        String sql = observation(stream, window);
        return readOnly(c, () -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setQueryTimeout((int) Math.max(1, statementTimeout.toSeconds()));
                if (stream.mode() != SourcesConfig.Mode.SNAPSHOT) {
                    ps.setObject(1, window.upper());
                    if (window.lower() != null) {
                        ps.setObject(2, window.lower());
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Map<String, java.math.BigDecimal> sums = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < stream.sums().size(); i++) {
                        java.math.BigDecimal sum = rs.getBigDecimal(i + 2);
                        sums.put(stream.sums().get(i), sum == null ? java.math.BigDecimal.ZERO : sum);
                    }
                    return new Observation(rs.getLong(1), sums);
                }
            }
        });
    }

    static String observation(SourceStream stream, StreamWindow window) {
        String alias = stream.mode() == SourcesConfig.Mode.CHILD ? "c" : "t";
        String sums = stream.sums().stream().map(c -> ", sum(" + alias + "." + c + ")").collect(Collectors.joining());
        return switch (stream.mode()) {
            case INCREMENTAL -> SqlFiles.text("sql/source/jdbc/incremental_observation.sql", Map.of(
                    "table", stream.table(), "cursor", stream.cursor(), "sums", sums,
                    "lower", window.lower() == null ? "" : "and (" + stream.cursor() + ") >= ?"));
            case CHILD -> {
                SourceStream parent = stream.parent();
                yield SqlFiles.text("sql/source/jdbc/child_observation.sql", Map.of(
                        "table", stream.table(), "parent_table", parent.table(), "parent_cursor", parent.cursor(),
                        "parent_columns", String.join(", ", parent.key()), "join", join(stream), "sums", sums,
                        "lower", window.lower() == null ? "" : "and p._cursor >= ?"));
            }
            case SNAPSHOT -> SqlFiles.text("sql/source/jdbc/snapshot_observation.sql", Map.of(
                    "table", stream.table(), "sums", sums));
        };
    }

    private static String join(SourceStream stream) {
        List<String> join = new ArrayList<>();
        for (int i = 0; i < stream.parent().key().size(); i++) {
            join.add("p." + stream.parent().key().get(i) + " = c." + stream.parentKey().get(i));
        }
        return String.join(" and ", join);
    }

    /** The chunk statement of the stream, after a previous chunk or the first one. */
    static String statement(SourceStream stream, StreamWindow window, boolean afterPrevious) {
        int keyCount = stream.key().size();
        String marks = String.join(", ", java.util.Collections.nCopies(keyCount + 1, "?"));
        return switch (stream.mode()) {
            case INCREMENTAL -> SqlFiles.text("sql/source/jdbc/incremental_chunk.sql", Map.of(
                    "table", stream.table(), "cursor", stream.cursor(),
                    "key", qualified("s", stream.key()),
                    "lower", window.lower() == null ? "" : "and s._cursor >= ?",
                    "after", afterPrevious ? "and (s._cursor, " + qualified("s", stream.key()) + ") > (" + marks + ")" : ""));
            case CHILD -> {
                SourceStream parent = stream.parent();
                yield SqlFiles.text("sql/source/jdbc/child_chunk.sql", Map.of(
                        "table", stream.table(), "parent_table", parent.table(), "parent_cursor", parent.cursor(),
                        "parent_columns", String.join(", ", parent.key()), "join", join(stream),
                        "key", qualified("c", stream.key()),
                        "lower", window.lower() == null ? "" : "and p._cursor >= ?",
                        "after", afterPrevious ? "and (p._cursor, " + qualified("c", stream.key()) + ") > (" + marks + ")" : ""));
            }
            case SNAPSHOT -> SqlFiles.text("sql/source/jdbc/snapshot_chunk.sql", Map.of(
                    "table", stream.table(), "key", qualified("t", stream.key()),
                    "after", afterPrevious ? "where (" + qualified("t", stream.key()) + ") > ("
                            + String.join(", ", java.util.Collections.nCopies(keyCount, "?")) + ")" : ""));
        };
    }

    private static String qualified(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    private static List<SourceColumn> columnsOf(ResultSetMetaData meta, int count) throws SQLException {
        List<SourceColumn> columns = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            columns.add(new SourceColumn(meta.getColumnName(i), meta.getColumnType(i),
                    meta.getColumnTypeName(i).toLowerCase(Locale.ROOT), meta.getPrecision(i), meta.getScale(i),
                    meta.isNullable(i) != ResultSetMetaData.columnNoNulls));
        }
        return List.copyOf(columns);
    }

    /** Work in one read-only transaction of its own, ended (rolled back: nothing was written) whatever happens. */
    private static <T> T readOnly(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        boolean readOnly = c.isReadOnly();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try {
            return work.run();
        } finally {
            try {
                c.rollback();
            } finally {
                c.setReadOnly(readOnly);
                c.setAutoCommit(auto);
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }
}
