package com.multistore.elt.extractor.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The repositories' SQL, one statement per file under {@code /sql/<name>.sql}. */
final class SqlFiles {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlFiles() {
    }

    static String get(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = SqlFiles.class.getResourceAsStream("/sql/" + n + ".sql")) {
                if (in == null) {
                    throw new IllegalStateException("no SQL file /sql/" + n + ".sql");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
