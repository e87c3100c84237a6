package com.multistore.elt.loader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The loader's settings ({@code loader.*}); environment variables override them (LOADER_ARCHIVE_DIRECTORY, ...). The
 * stores and their time zones are service-support's {@code StoresConfig} ({@code pipeline.stores.<code>.*}).
 */
@ConfigMapping(prefix = "loader")
public interface LoaderConfig {

    Archive archive();

    Barrier barrier();

    Replay replay();

    Staging staging();

    interface Archive {
        /** Where the archive lives: {@code directory} (the EBS volume, default) or {@code s3}. */
        @WithDefault("directory")
        ArchiveKind kind();

        /** The archive root when {@code kind=directory}. */
        @WithDefault("data/archive")
        Path directory();

        S3 s3();
    }

    enum ArchiveKind { DIRECTORY, S3 }

    interface S3 {
        /** The bucket when {@code kind=s3}. */
        @WithDefault("pipeline-raw-archive")
        String bucket();

        /** A key prefix in the bucket, e.g. {@code raw/} (may be empty). */
        @WithDefault("raw/")
        String prefix();

        /** The bucket's region, when it is not {@code aws.region}. */
        Optional<String> region();

        /** Another endpoint (S3-compatible storage, or a stub in tests); path-style addressing is used then. */
        Optional<URI> endpointOverride();
    }

    interface Barrier {
        /** How long a completion waits for its last records before the load is FAILED. */
        @WithDefault("PT5M")
        Duration timeout();

        /** How often a waiting completion re-reads the staged positions. */
        @WithDefault("PT0.5S")
        Duration pollInterval();
    }

    interface Replay {
        /** Records staged per transaction while replaying. */
        @WithDefault("2000")
        int batchSize();

        /** One poll of the bounded replay consumer. */
        @WithDefault("PT1S")
        Duration pollTimeout();

        /** A replay that has not reached the end offsets by then fails. */
        @WithDefault("PT30M")
        Duration timeout();
    }

    interface Staging {
        /** How long a run's staging rows stay after the run merged (a transformer replay of the run needs them). */
        @WithDefault("P3D")
        Duration retention();

        /**
         * How long the rows of a run that never merged stay after its loads were declared (a FAILED run that was
         * replayed under a new run id, or never replayed): long enough to replay it from the transformer.
         */
        @WithDefault("P30D")
        Duration unmergedRetention();

        /** How often the retention is applied. */
        @WithDefault("PT1H")
        Duration retentionCheckEvery();
    }
}
