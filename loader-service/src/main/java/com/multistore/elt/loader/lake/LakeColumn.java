package com.multistore.elt.loader.lake;

import java.util.Locale;

/**
 * A column of a stream as the source declares it (its name and the source's type name, e.g. {@code numeric(10,2)},
 * {@code timestamp}, {@code text}), and the Parquet (DuckDB) type it is written as: exact decimals stay decimals, a
 * timestamp without offset stays a local TIMESTAMP, one with an offset a TIMESTAMPTZ, text stays VARCHAR (leading zeros
 * kept); a type the lake does not know is written as its text.
 */
public record LakeColumn(String name, String sourceType) {

    /** The DuckDB type of the column. */
    public String lakeType() {
        String t = sourceType.toLowerCase(Locale.ROOT).trim();
        String base = t.replaceAll("\\(.*\\)", "").replace(" unsigned", "").trim();
        return switch (base) {
            case "numeric", "decimal" -> decimal(t);
            case "int2", "smallint", "tinyint", "int4", "integer", "int", "mediumint", "serial" -> "INTEGER";
            case "int8", "bigint", "bigserial" -> t.contains("unsigned") ? "HUGEINT" : "BIGINT";
            case "float4", "real", "float" -> "FLOAT";
            case "float8", "double precision", "double" -> "DOUBLE";
            case "bool", "boolean", "bit" -> "BOOLEAN";
            case "timestamp", "timestamp without time zone", "datetime" -> "TIMESTAMP";
            case "timestamptz", "timestamp with time zone" -> "TIMESTAMPTZ";
            case "date" -> "DATE";
            case "time", "time without time zone" -> "TIME";
            default -> "VARCHAR";
        };
    }

    /** numeric(p,s) as DECIMAL(p,s) within DuckDB's 38 digits; a numeric without precision as text (exact). */
    private static String decimal(String type) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+)\\s*(?:,\\s*(\\d+))?\\)").matcher(type);
        if (!m.find()) {
            return "VARCHAR";
        }
        int precision = Integer.parseInt(m.group(1));
        int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return precision <= 38 ? "DECIMAL(" + precision + "," + scale + ")" : "VARCHAR";
    }
}
