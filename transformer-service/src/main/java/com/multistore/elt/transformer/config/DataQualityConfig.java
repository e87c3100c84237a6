package com.multistore.elt.transformer.config;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Data-quality thresholds ({@code pipeline.dq.*}). */
@ConfigMapping(prefix = "pipeline.dq")
public interface DataQualityConfig {

    /** Warn when the newest order update is older than this many hours. */
    @WithDefault("48")
    int freshnessHours();

    /** Warn when a table lost more than this share of its rows since the previous run. */
    @WithDefault("0.5")
    double maxDropRatio();

    /**
     * How the {@code dead_letters.<entity>} check weighs a run's dead letters, per entity code
     * ({@code pipeline.dq.dead-letters.orders=WARN}): ERROR (the default: the run fails, its watermark stays) or WARN.
     */
    Map<String, Severity> deadLetters();

    /**
     * Overrides of the declared tests ({@code sql/models/<dataset>/<layer>/tests.yml}) by dataset and test name:
     * {@code pipeline.dq.tests.olist.relationships_order_items_order_id_to_orders.severity=warn}, {@code .warn-if=">10"},
     * {@code .error-if=">100"}, {@code .enabled=false}. A name that no declared test has stops start-up.
     */
    Map<String, Map<String, TestOverride>> tests();

    /** One declared test's overrides; what is not given stays as the file declares it. */
    interface TestOverride {
        /** error or warn. */
        Optional<String> severity();

        /** dbt's warn_if, e.g. {@code ">10"}. */
        Optional<String> warnIf();

        /** dbt's error_if, e.g. {@code ">100"}. */
        Optional<String> errorIf();

        /** false leaves the test out of every run. */
        @WithDefault("true")
        boolean enabled();
    }

    /** A check's weight. */
    enum Severity { ERROR, WARN }

    /** The entity codes whose dead letters only warn, comma-separated (the merges' etl.dq_dead_letters_warn). */
    default String deadLettersWarned() {
        deadLetters().keySet().forEach(com.multistore.elt.events.Entity::fromCode); // a misspelt entity fails here
        return deadLetters().entrySet().stream().filter(e -> e.getValue() == Severity.WARN)
                .map(e -> e.getKey().toLowerCase(java.util.Locale.ROOT)).sorted()
                .collect(java.util.stream.Collectors.joining(","));
    }
}
