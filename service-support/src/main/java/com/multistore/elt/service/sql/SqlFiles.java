package com.multistore.elt.service.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way a service reads SQL: files of the {@code sql} module, {@code sql/<layer>/...} on the classpath
 * ({@code staging/} the loader's, {@code models/<dataset>/<layer>/}, {@code checks/}, {@code report/} the transformer's warehouse SQL,
 * {@code ops/<service>/} each service's bookkeeping, {@code ops/outbox/} the event outbox), snake_case names, read once
 * and cached; callers name the full path. A missing file is a clear error naming the path.
 */
public final class SqlFiles {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlFiles() {
    }

    /** The text of a classpath resource, e.g. {@code sql/models/shopify/warehouse/01_dim_customers.sql}. */
    public static String text(String path) {
        return CACHE.computeIfAbsent(path.startsWith("/") ? path.substring(1) : path, SqlFiles::read);
    }

    /**
     * A statement written once for several tables: each {@code ${name}} in the file stands for the value given
     * (e.g. {@code ${entity}} for a staging table's entity). A placeholder left without a value is an error.
     */
    public static String text(String path, Map<String, String> values) {
        String sql = text(path);
        for (Map.Entry<String, String> value : values.entrySet()) {
            sql = sql.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (sql.contains("${")) {
            throw new IllegalArgumentException("SQL file " + path + " has a placeholder without a value: " + values.keySet());
        }
        return sql;
    }

    private static String read(String path) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(path);
        if (in == null) {
            in = SqlFiles.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalStateException("SQL file not on the classpath: " + path);
        }
        try (InputStream stream = in) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL file " + path, e);
        }
    }
}
