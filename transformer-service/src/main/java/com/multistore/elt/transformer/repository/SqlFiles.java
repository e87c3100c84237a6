package com.multistore.elt.transformer.repository;

import jakarta.enterprise.context.ApplicationScoped;

/** The transformer's SQL files (merges, checks, ops statements, reports), read through service-support. */
@ApplicationScoped
public class SqlFiles {

    /** The text of a SQL file on the classpath, e.g. {@code sql/merge/01_dim_customers.sql}. */
    public String get(String path) {
        return com.multistore.elt.service.sql.SqlFiles.text(path);
    }
}
