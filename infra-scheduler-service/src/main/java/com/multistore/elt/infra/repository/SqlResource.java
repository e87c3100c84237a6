package com.multistore.elt.infra.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a statement kept as a file under {@code src/main/resources/sql/}. */
final class SqlResource {

    private SqlResource() {
    }

    static String load(String name) {
        try (InputStream in = SqlResource.class.getClassLoader().getResourceAsStream("sql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource sql/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
