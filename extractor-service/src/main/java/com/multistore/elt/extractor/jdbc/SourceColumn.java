package com.multistore.elt.extractor.jdbc;

/** A column of a stream's table as the source declares it: name, JDBC type, the database's type name, precision, scale, nullability. */
public record SourceColumn(String name, int jdbcType, String typeName, int precision, int scale, boolean nullable) {

    /** How it reads in a schema record: {@code price numeric(10,2) null}. */
    public String describe() {
        String size = precision > 0 && (typeName.contains("numeric") || typeName.contains("decimal")
                || typeName.contains("char")) ? "(" + precision + (scale > 0 ? "," + scale : "") + ")" : "";
        return name + " " + typeName + size + (nullable ? " null" : " not null");
    }
}
