package com.multistore.elt.loader.repository;

import com.multistore.elt.events.Entity;
import com.multistore.elt.service.sql.SqlFiles;

/** The loader's statements, {@code src/main/resources/sql/loader/<name>.sql}. */
final class SqlText {

    private SqlText() {
    }

    static String of(String name) {
        return SqlFiles.text("sql/loader/" + name + ".sql");
    }

    /** A statement written once for every staging table, with {@code ${entity}} standing for the entity's table. */
    static String of(String name, Entity entity) {
        return of(name).replace("${entity}", entity.code());
    }
}
