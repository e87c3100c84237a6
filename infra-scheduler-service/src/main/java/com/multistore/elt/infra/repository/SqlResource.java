package com.multistore.elt.infra.repository;

import com.multistore.elt.service.sql.SqlFiles;

/** Reads a statement kept as a file under {@code src/main/resources/sql/}. */
final class SqlResource {

    private SqlResource() {
    }

    static String load(String name) {
        return SqlFiles.text("sql/" + name);
    }
}
