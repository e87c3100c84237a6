package com.multistore.elt.loader;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh archive directory for each test run (an archive outlives its broker, so runs must not share one). */
public class ArchiveDirectoryResource implements QuarkusTestResourceLifecycleManager {

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(Path.of("target"));
            directory = Files.createTempDirectory(Path.of("target"), "archive-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("loader.archive.directory", directory.toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
