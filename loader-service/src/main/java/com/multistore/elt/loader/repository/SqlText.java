package com.multistore.elt.loader.repository;

import com.multistore.elt.events.Entity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The loader's SQL, kept as files under {@code sql/loader/}; {@code ${entity}} stands for the staging table's entity. */
final class SqlText {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlText() {
    }

    static String of(String name) {
        return CACHE.computeIfAbsent(name, SqlText::load);
    }

    static String of(String name, Entity entity) {
        return of(name).replace("${entity}", entity.code());
    }

    private static String load(String name) {
        String resource = "sql/loader/" + name + ".sql";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
