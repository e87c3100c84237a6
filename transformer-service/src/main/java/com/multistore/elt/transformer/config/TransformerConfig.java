package com.multistore.elt.transformer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The run barrier and job settings ({@code pipeline.transform.*}). The stores are service-support's
 * {@code StoresConfig}; the bakery week and the data-quality thresholds have mappings of their own.
 */
@ConfigMapping(prefix = "pipeline.transform")
public interface TransformerConfig {

    /**
     * A run whose planned loads are not all in within this time fails. Unset, it is derived: the extractor's bulk
     * timeout ({@code pipeline.extract.bulk-timeout}) plus {@link #barrierMargin()}, so a large first load that the
     * extractor still waits for is never failed here first.
     */
    Optional<Duration> barrierTimeout();

    /** What the derived barrier timeout adds to the bulk timeout (loading, the other entities' extraction). */
    @WithDefault("PT1H")
    Duration barrierMargin();

    /** How often runs are checked for the barrier timeout. */
    @WithDefault("PT30S")
    Duration barrierCheckEvery();

    /** How long a merge job waits for a table lock before the attempt fails (and is retried). */
    @WithDefault("PT1M")
    Duration lockTimeout();

    /**
     * How long one statement of a merge job may run before the try fails (and is retried): a hung merge never holds
     * the transform worker for ever.
     */
    @WithDefault("PT30M")
    Duration statementTimeout();

    /** How long the replay endpoint waits for the re-run. */
    @WithDefault("PT30M")
    Duration replayWait();
}
