package com.multistore.elt.loader.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** The archive on a directory (the EBS volume): each object written to a temporary file, then moved into place. */
public class DirectoryArchive implements RawArchive {

    private final Path root;

    public DirectoryArchive(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String write(String key, byte[] gzipJsonLines) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".partial-", ".tmp");
        try {
            Files.write(partial, gzipJsonLines);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target.toUri().toString();
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path dir = resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jsonl.gz"))
                    .sorted()
                    .map(n -> prefix + n)
                    .toList();
        }
    }

    @Override
    public List<String> stores() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("store=")).sorted()
                    .map(n -> ArchiveKeys.storeOf(n + "/")).toList();
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public String uri(String key) {
        return root.toUri() + key;
    }

    @Override
    public void checkWritable() throws IOException {
        Files.createDirectories(root);
        Path probe = Files.createTempFile(root, ".health-", ".tmp");
        Files.delete(probe);
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("archive key outside the root: " + key);
        }
        return path;
    }
}
