package com.multistore.elt.extractor.jdbc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * A source row's columns as JSON, types kept exactly: numeric and decimal as exact decimals (never a double), integers
 * as integers, booleans, a timestamp without offset as its local ISO text ({@code 2017-10-02T10:56:33}: a local time of
 * the source's zone, the zone rule of the stream), a timestamp with one as its UTC instant, dates and times as ISO
 * text, text as it is (leading zeros, spaces and empty strings kept: cleaning is the staging model's), binary as
 * base64; anything else as the driver's text.
 */
final class RowValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private RowValues() {
    }

    /** The row's values of these columns (the helper _cursor column left out). */
    static ObjectNode of(ResultSet rs, List<SourceColumn> columns, String table, String key) throws RowConversionException {
        ObjectNode row = JSON.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            SourceColumn column = columns.get(i);
            try {
                put(row, column, rs, i + 1);
            } catch (SQLException | RuntimeException e) {
                throw new RowConversionException(table, key, column.name(), e);
            }
        }
        return row;
    }

    private static void put(ObjectNode row, SourceColumn column, ResultSet rs, int i) throws SQLException {
        String name = column.name();
        switch (column.jdbcType()) {
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    row.putNull(name);
                } else {
                    row.put(name, v);
                }
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    row.putNull(name);
                } else if (column.typeName().contains("unsigned") && v < 0) {
                    row.put(name, new java.math.BigInteger(Long.toUnsignedString(v)));
                } else {
                    row.put(name, v);
                }
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    row.putNull(name);
                } else {
                    row.put(name, v);
                }
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    row.putNull(name);
                } else {
                    row.put(name, v);
                }
            }
            case Types.TIMESTAMP -> {
                if (withZone(column)) {
                    OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                    row.put(name, v == null ? null : v.toInstant().toString());
                } else {
                    LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                    row.put(name, v == null ? null : v.toString());
                }
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                row.put(name, v == null ? null : v.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString());
            }
            case Types.DATE -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                row.put(name, v == null ? null : v.toString());
            }
            case Types.TIME -> {
                LocalTime v = rs.getObject(i, LocalTime.class);
                row.put(name, v == null ? null : v.toString());
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] v = rs.getBytes(i);
                row.put(name, v == null ? null : Base64.getEncoder().encodeToString(v));
            }
            default -> row.put(name, rs.getString(i));
        }
    }

    /** PostgreSQL's driver reports a timestamptz as TIMESTAMP; its type name says which it is. */
    private static boolean withZone(SourceColumn column) {
        String type = column.typeName();
        return type.equals("timestamptz") || type.contains("with time zone");
    }

    /** The cursor value of the row: a local time of the source's zone (a timestamp with an offset is converted to it). */
    static LocalDateTime cursor(ResultSet rs, String column, java.time.ZoneId zone) throws SQLException {
        int type = rs.getMetaData().getColumnType(rs.findColumn(column));
        String typeName = rs.getMetaData().getColumnTypeName(rs.findColumn(column)).toLowerCase(java.util.Locale.ROOT);
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz") || typeName.contains("with time zone")) {
            OffsetDateTime o = rs.getObject(column, OffsetDateTime.class);
            return o == null ? null : o.atZoneSameInstant(zone).toLocalDateTime();
        }
        if (type == Types.DATE) {
            LocalDate d = rs.getObject(column, LocalDate.class);
            return d == null ? null : d.atStartOfDay();
        }
        if (type != Types.TIMESTAMP) {
            throw new SQLException("the cursor is not a timestamp: " + typeName);
        }
        // read as a LocalDateTime, not a java.sql.Timestamp: no detour through the machine's zone
        return rs.getObject(column, LocalDateTime.class);
    }

    /** The record's gid: the key's values, each URL-encoded, joined by '/'. */
    static String gid(List<Object> keyValues) {
        StringBuilder gid = new StringBuilder();
        for (Object v : keyValues) {
            if (gid.length() > 0) {
                gid.append('/');
            }
            gid.append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
        }
        return gid.toString();
    }
}
