package com.multistore.elt.extractor.client;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link BulkStreamingTest}: writes a bulk orders file of {@code orders}
 * orders x (1 + 3 line items + 1 metafield) lines, streams it through {@link BulkResultReader} and prints the root
 * count, the line count, and the peak heap used while reading.
 */
public final class BulkStreamingProbe {

    private BulkStreamingProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int orders = Integer.parseInt(args[1]);
        long lines = write(file, orders);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] roots = {0};
        long[] lineItems = {0};
        long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            BulkResultReader.of(EventJson.mapper(), EntityQueries.of(Entity.ORDERS)).read(in, node -> {
                roots[0]++;
                lineItems[0] += node.get("lineItems").get("nodes").size();
            });
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println("ROOTS=" + roots[0] + " LINE_ITEMS=" + lineItems[0] + " LINES=" + lines
                + " BYTES=" + Files.size(file) + " MILLIS=" + millis + " PEAK_HEAP_BYTES=" + peak
                + " MAX_HEAP_BYTES=" + Runtime.getRuntime().maxMemory());
    }

    private static long write(Path file, int orders) throws IOException {
        long lines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int o = 1; o <= orders; o++) {
                String order = "gid://shopify/Order/" + o;
                out.write("{\"id\":\"" + order + "\",\"legacyResourceId\":\"" + o + "\",\"name\":\"#" + o
                        + "\",\"updatedAt\":\"2026-11-21T16:02:11Z\",\"displayFinancialStatus\":\"PAID\","
                        + "\"currencyCode\":\"USD\",\"totalPriceSet\":{\"shopMoney\":{\"amount\":\"42.50\",\"currencyCode\":\"USD\"},"
                        + "\"presentmentMoney\":{\"amount\":\"39.10\",\"currencyCode\":\"EUR\"}}}\n");
                lines++;
                for (int l = 1; l <= 3; l++) {
                    out.write("{\"id\":\"gid://shopify/LineItem/" + (o * 10L + l) + "\",\"sku\":\"SKU-" + l
                            + "\",\"quantity\":" + l + ",\"originalUnitPriceSet\":{\"shopMoney\":{\"amount\":\"10.00\","
                            + "\"currencyCode\":\"USD\"}},\"__parentId\":\"" + order + "\"}\n");
                    lines++;
                }
                out.write("{\"id\":\"gid://shopify/Metafield/" + o + "\",\"namespace\":\"custom\",\"key\":\"flavor\","
                        + "\"type\":\"single_line_text_field\",\"value\":\"lemon\",\"__parentId\":\"" + order + "\"}\n");
                lines++;
            }
        }
        return lines;
    }
}
