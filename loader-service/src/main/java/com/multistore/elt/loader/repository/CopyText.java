package com.multistore.elt.loader.repository;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
final class CopyText {

    private final StringBuilder row = new StringBuilder(4096);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private boolean first = true;

    CopyText field(String value) {
        if (!first) {
            row.append('\t');
        }
        first = false;
        if (value == null) {
            row.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
    }

    CopyText field(Instant value) {
        return field(value == null ? null : value.toString());
    }

    CopyText field(long value) {
        return field(Long.toString(value));
    }

    void endRow() {
        row.append('\n');
        out.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
        row.setLength(0);
        first = true;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
