package com.multistore.elt.extractor.jdbc;

/** A source row that cannot be converted into a record: it is dead-lettered with its table and key, the rest goes on. */
public class RowConversionException extends Exception {

    private final String table;
    private final String key;

    public RowConversionException(String table, String key, String column, Throwable cause) {
        super("row " + key + " of " + table + ": column " + column + " cannot be read: " + cause.getMessage(), cause);
        this.table = table;
        this.key = key;
    }

    public String table() {
        return table;
    }

    public String key() {
        return key;
    }
}
