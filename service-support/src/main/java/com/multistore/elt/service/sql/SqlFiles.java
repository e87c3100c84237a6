package com.multistore.elt.service.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL kept as files on the classpath (the services' {@code src/main/resources/sql/...} and the {@code sql} module's
 * merge and check files), read once and cached. A missing file is a clear error naming the path.
 */
public final class SqlFiles {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlFiles() {
    }

    /** The text of a classpath resource, e.g. {@code sql/merge/01_dim_customers.sql}. */
    public static String text(String path) {
        return CACHE.computeIfAbsent(path.startsWith("/") ? path.substring(1) : path, SqlFiles::read);
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
