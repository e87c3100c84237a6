package com.multistore.elt.transformer.repository;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The SQL files of the {@code sql} module (merge jobs, checks, ops statements), read once from the classpath. */
@ApplicationScoped
public class SqlFiles {

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public String get(String path) {
        return cache.computeIfAbsent(path, SqlFiles::read);
    }

    private static String read(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SQL file not on the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL file " + path, e);
        }
    }
}
