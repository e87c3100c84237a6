package com.multistore.elt.service.source;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sources besides the Shopify stores, {@code pipeline.sources.<name>.*}: an operational database ({@code kind=jdbc})
 * whose tables are streams. The one mapping every service uses (the extractor reads them, the loader stages and
 * lakes them, the transformer models their dataset). Credentials: {@code user} and {@code password}, or the password
 * from AWS Secrets Manager through {@code pipeline.secrets.map=pipeline.sources.<name>.password=<secret-id>#<key>}.
 * Nothing here has a particular business's value as a default.
 */
@ConfigMapping(prefix = "pipeline.sources")
public interface SourcesConfig {

    @WithParentName
    Map<String, Source> all();

    interface Source {
        /** {@code jdbc}: a PostgreSQL, MySQL or MariaDB database. */
        Kind kind();

        /** The dataset its streams belong to (topics {@code <dataset>.<stream>.raw}, models {@code sql/models/<dataset>}); default: the source's name. */
        Optional<String> dataset();

        /** The JDBC URL (a password in it is never logged: the URL is shown without its query string). */
        String url();

        Optional<String> user();

        Optional<String> password();

        /** The zone of the source's local timestamps (a timestamp without offset is a local time there) and business days. */
        ZoneId timeZone();

        /**
         * How far below the run's start the upper bound of an incremental window stays (rows whose transaction commits
         * late carry a cursor value a little in the past).
         */
        @WithDefault("PT5M")
        Duration lag();

        /** How far below the previous upper bound the next window starts again (the overlap; staging keeps one version). */
        @WithDefault("PT10M")
        Duration overlap();

        /** A chunk statement runs at most this long. */
        @WithDefault("PT5M")
        Duration statementTimeout();

        @WithDefault("true")
        boolean enabled();

        /** The streams: one per table, by stream name. */
        Map<String, Stream> streams();
    }

    interface Stream {
        /** The table (optionally schema-qualified); default: the stream's name. */
        Optional<String> table();

        /** The primary key's columns (a composite key in order). */
        List<String> key();

        /** {@code incremental} by a cursor, {@code snapshot} (every row, every run) or {@code child} (through its parent's window). */
        Mode mode();

        /**
         * For {@code incremental}: the cursor, a column or an SQL expression over the table's columns (Olist's orders:
         * {@code greatest(order_purchase_timestamp, order_approved_at, ...)}), a timestamp.
         */
        Optional<String> cursor();

        /** For {@code child}: the parent stream (incremental) whose window the child follows. */
        Optional<String> parent();

        /** For {@code child}: this table's columns that hold the parent's key, in the parent key's order (default: the parent key's names). */
        Optional<List<String>> parentKey();

        /**
         * Numeric columns whose sums the reconciliation compares (the source's, asked after the extraction, against
         * the warehouse's), e.g. {@code price,freight_value}; none by default (the row count always).
         */
        Optional<List<String>> sums();

        /** Rows per chunk (one read-only transaction, one keyset statement). */
        @WithDefault("5000")
        int chunkSize();
    }

    enum Kind {
        JDBC
    }

    enum Mode {
        INCREMENTAL, SNAPSHOT, CHILD
    }

    /** The enabled sources by name, in name order. */
    default Map<String, Source> enabled() {
        Map<String, Source> enabled = new TreeMap<>();
        all().forEach((name, source) -> {
            if (source.enabled()) {
                enabled.put(name, source);
            }
        });
        return enabled;
    }

    /** The source's dataset. */
    static String datasetOf(String name, Source source) {
        return source.dataset().orElse(name);
    }

    /** The raw topic of a stream of a dataset. */
    static String rawTopic(String dataset, String stream) {
        return dataset + "." + stream + ".raw";
    }

    /** A JDBC URL without its query string (which may hold a password). */
    static String redacted(String url) {
        int q = url.indexOf('?');
        int semicolon = url.indexOf(';');
        int cut = q < 0 ? semicolon : semicolon < 0 ? q : Math.min(q, semicolon);
        return cut < 0 ? url : url.substring(0, cut) + "?…";
    }
}
