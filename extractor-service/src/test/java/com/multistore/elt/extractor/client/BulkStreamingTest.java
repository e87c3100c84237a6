package com.multistore.elt.extractor.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1,000,000-line bulk file streams through the reader in a JVM whose heap (32 MB) is far smaller than the file's
 * nodes would need if they were held: memory stays flat. The child prints its peak heap (reported in the issue note).
 */
class BulkStreamingTest {

    private static final int ORDERS = 200_000; // x 5 lines = 1,000,000 lines

    @Test
    void oneMillionLinesStreamWithASmallHeap(@TempDir Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("bulk-orders.jsonl");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BulkStreamingProbe.class.getName(), file.toString(), String.valueOf(ORDERS))
                .redirectErrorStream(true).start();
        String output;
        try {
            assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the probe did not finish in 300 s");
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            child.destroyForcibly();
        }

        assertEquals(0, child.exitValue(), output);
        Matcher m = Pattern.compile("ROOTS=(\\d+) LINE_ITEMS=(\\d+) LINES=(\\d+) .*PEAK_HEAP_BYTES=(\\d+)").matcher(output);
        assertTrue(m.find(), output);
        assertEquals(ORDERS, Long.parseLong(m.group(1)));
        assertEquals(3L * ORDERS, Long.parseLong(m.group(2)));
        assertEquals(1_000_000L, Long.parseLong(m.group(3)));
        System.out.println("bulk streaming probe: " + output.trim());
    }
}
