package com.multistore.elt.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Olist source database of a test (a module that uses it depends on olist-source, type pom, for the build order): the olist-source module's packaged command run as a child process (as the
 * launcher runs it), creating or advancing the Olist tables in a schema of the test database at a pinned "now".
 */
public final class OlistSourceDatabase {

    public static final String ZONE = "America/Sao_Paulo";

    private OlistSourceDatabase() {
    }

    /** Creates the Olist tables in the schema, filled as they are at {@code now} (seed 42, about this many orders). */
    public static void create(TestDatabase database, String schema, Instant now, int orders) throws Exception {
        run(database, schema, now, orders, "create");
    }

    /** Moves the shop in the schema on to {@code to}. */
    public static void advance(TestDatabase database, String schema, Instant to) throws Exception {
        run(database, schema, to, 0, "advance", to.toString());
    }

    private static void run(TestDatabase database, String schema, Instant now, int orders, String... args)
            throws Exception {
        Path jar = Path.of("..", "olist-source", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the Olist generator is not packaged: " + jar + " (build olist-source first)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.profile=test", "-Dpipeline.clock.fixed=" + now,
                "-Dolist.source.url=" + database.url(), "-Dolist.source.schema=" + schema,
                "-Dolist.generate.time-zone=" + ZONE, "-Dolist.generate.seed=42"));
        if (database.user() != null) {
            command.add("-Dolist.source.user=" + database.user());
        }
        if (orders > 0) {
            command.addAll(List.of("-Dolist.generate.orders=" + orders, "-Dolist.generate.customers=" + (orders * 2 / 3),
                    "-Dolist.generate.products=200", "-Dolist.generate.sellers=40", "-Dolist.generate.history-days=60"));
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("olist-source", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the Olist generator did not finish: " + read(log));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the Olist generator failed (" + process.exitValue() + "): " + read(log));
        }
    }

    private static String read(Path log) throws IOException {
        String text = Files.readString(log);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
