package com.multistore.elt.loader.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The raw lake: a stream's rows written as Parquet under
 * {@code <root>/<dataset>/<stream>/year=YYYY/month=MM/day=DD/run-<runId>-<n>-<i>.parquet} (the day is the row's business
 * day in the source's zone; {@code <n>} the batch, {@code <i>} DuckDB's file index in the partition), typed columns from
 * the source's schema ({@link LakeColumn}), by an embedded in-memory DuckDB ({@code COPY ... (FORMAT parquet,
 * PARTITION_BY (year, month, day))}, no Hadoop). Other engines read it back with hive partitioning. Writing the same
 * run and batch again replaces its files, so a re-delivered batch never doubles the lake.
 */
public final class ParquetLake {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    /** One row: its business day and its columns (as the raw record's payload). */
    public record LakeRow(LocalDate day, ObjectNode values) {
    }

    private final Path root;

    public ParquetLake(Path root) {
        this.root = root;
    }

    /** Writes a batch of a stream's rows; returns the files it wrote. */
    public List<Path> write(String dataset, String stream, String runId, int batch, List<LakeColumn> columns,
                            List<LakeRow> rows) throws SQLException {
        for (String part : List.of(dataset, stream, runId)) {
            if (!NAME.matcher(part).matches()) {
                throw new IllegalArgumentException("not a lake path part: '" + part + "'");
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Path target = root.resolve(dataset).resolve(stream);
        String prefix = "run-" + runId + "-" + batch + "-";
        removeEarlier(target, prefix);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lake directory " + target, e);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            String definition = columns.stream().map(col -> quote(col.name()) + " " + col.lakeType())
                    .collect(Collectors.joining(", "));
            s.execute("create table batch (" + definition + ", \"year\" varchar, \"month\" varchar, \"day\" varchar)");
            String marks = String.join(", ", java.util.Collections.nCopies(columns.size() + 3, "?"));
            try (PreparedStatement ps = c.prepareStatement("insert into batch values (" + marks + ")")) {
                for (LakeRow row : rows) {
                    for (int i = 0; i < columns.size(); i++) {
                        set(ps, i + 1, columns.get(i), row.values().get(columns.get(i).name()));
                    }
                    ps.setString(columns.size() + 1, String.format("%04d", row.day().getYear()));
                    ps.setString(columns.size() + 2, String.format("%02d", row.day().getMonthValue()));
                    ps.setString(columns.size() + 3, String.format("%02d", row.day().getDayOfMonth()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            s.execute("copy batch to '" + target.toAbsolutePath().toString().replace("'", "''") + "' (format parquet,"
                    + " partition_by (\"year\", \"month\", \"day\"), filename_pattern '" + prefix + "{i}',"
                    + " overwrite_or_ignore)");
        }
        return written(target, prefix);
    }

    /**
     * An in-memory DuckDB, by its driver class itself: DriverManager does not see drivers of the application's class
     * loader under Quarkus.
     */
    public static Connection connect() throws SQLException {
        Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
        if (c == null) {
            throw new SQLException("DuckDB refused an in-memory database");
        }
        return c;
    }

    private static void set(PreparedStatement ps, int i, LakeColumn column, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            ps.setObject(i, null);
            return;
        }
        String type = column.lakeType();
        if (type.startsWith("DECIMAL")) {
            ps.setBigDecimal(i, value.decimalValue());
        } else if (type.equals("INTEGER") || type.equals("BIGINT")) {
            ps.setLong(i, value.asLong());
        } else if (type.equals("HUGEINT")) {
            ps.setBigDecimal(i, value.decimalValue());
        } else if (type.equals("FLOAT") || type.equals("DOUBLE")) {
            ps.setDouble(i, value.asDouble());
        } else if (type.equals("BOOLEAN")) {
            ps.setBoolean(i, value.asBoolean());
        } else if (type.equals("TIMESTAMP")) {
            ps.setObject(i, LocalDateTime.parse(value.asText()));
        } else if (type.equals("TIMESTAMPTZ")) {
            ps.setObject(i, OffsetDateTime.ofInstant(Instant.parse(value.asText()), ZoneOffset.UTC));
        } else if (type.equals("DATE")) {
            ps.setObject(i, LocalDate.parse(value.asText()));
        } else if (type.equals("TIME")) {
            ps.setObject(i, LocalTime.parse(value.asText()));
        } else {
            ps.setString(i, value.isTextual() ? value.asText() : value.toString());
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** An earlier write of the same run and batch (a re-delivered batch) is replaced, not added to. */
    private static void removeEarlier(Path target, String prefix) {
        for (Path file : written(target, prefix)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace " + file, e);
            }
        }
    }

    private static List<Path> written(Path target, String prefix) {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(target)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".parquet"))
                    .sorted().collect(Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }
}
