package com.multistore.elt.extractor.repository;

/** The extractor's statements, {@code src/main/resources/sql/<name>.sql}. */
final class SqlFiles {

    private SqlFiles() {
    }

    static String get(String name) {
        return com.multistore.elt.service.sql.SqlFiles.text("sql/" + name + ".sql");
    }
}
