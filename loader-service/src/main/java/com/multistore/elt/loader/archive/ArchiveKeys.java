package com.multistore.elt.loader.archive;

import com.multistore.elt.events.Entity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** The archive's key layout (Hive-style partitions, so Athena or Spark can read it as a table). */
public final class ArchiveKeys {

    private ArchiveKeys() {
    }

    public static String dayPrefix(String store, Entity entity, LocalDate date) {
        return "store=" + part(store) + "/entity=" + entity.code() + "/date=" + date + "/";
    }

    public static String batch(String store, Entity entity, LocalDate date, String runId, int batch) {
        return dayPrefix(store, entity, date) + "run=" + part(runId) + "-" + batch + ".jsonl.gz";
    }

    /** A pattern naming all of a run's batches for a store and entity (the archive URI of a load). */
    public static String runPattern(String store, Entity entity, List<LocalDate> dates, String runId) {
        String date = dates.size() == 1 ? dates.get(0).toString() : "*";
        return "store=" + part(store) + "/entity=" + entity.code() + "/date=" + date + "/run=" + part(runId) + "-*.jsonl.gz";
    }

    /** The store of a key below the root ({@code store=<s>/...}). */
    public static String storeOf(String key) {
        String first = key.substring(0, key.indexOf('/'));
        return java.net.URLDecoder.decode(first.substring("store=".length()), StandardCharsets.UTF_8);
    }

    private static String part(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
