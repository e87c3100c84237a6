package com.multistore.elt.service.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One stream of a source, checked and resolved from {@code pipeline.sources.<source>.streams.<name>.*}: the table, its
 * key, how it is extracted, and for a child its parent stream and the columns that hold the parent's key. Names and
 * columns must be plain SQL identifiers (they are written into the chunk statements); a cursor is an SQL expression
 * written by the deployment, like a view's.
 */
public record SourceStream(String source, String dataset, String name, String table, List<String> key,
                           SourcesConfig.Mode mode, String cursor, SourceStream parent, List<String> parentKey,
                           int chunkSize, List<String> sums) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    /** The topic its records travel on. */
    public String rawTopic() {
        return SourcesConfig.rawTopic(dataset, name);
    }

    /** Every stream of the enabled sources, parents before their children; a wrong definition names its key. */
    public static List<SourceStream> all(SourcesConfig config) {
        List<SourceStream> all = new ArrayList<>();
        config.enabled().forEach((source, s) -> all.addAll(of(source, s)));
        return all;
    }

    /** The streams of one source, parents before their children. */
    public static List<SourceStream> of(String source, SourcesConfig.Source config) {
        String prefix = "pipeline.sources." + source;
        name(source, prefix);
        String dataset = name(SourcesConfig.datasetOf(source, config), prefix + ".dataset");
        if (config.streams().isEmpty()) {
            throw new IllegalArgumentException(prefix + ".streams: a source without streams extracts nothing");
        }
        List<SourceStream> resolved = new ArrayList<>();
        for (Map.Entry<String, SourcesConfig.Stream> e : new java.util.TreeMap<>(config.streams()).entrySet()) {
            if (e.getValue().mode() != SourcesConfig.Mode.CHILD) {
                resolved.add(resolve(source, dataset, e.getKey(), e.getValue(), null, prefix));
            }
        }
        for (Map.Entry<String, SourcesConfig.Stream> e : new java.util.TreeMap<>(config.streams()).entrySet()) {
            if (e.getValue().mode() == SourcesConfig.Mode.CHILD) {
                String key = prefix + ".streams." + e.getKey();
                String parentName = e.getValue().parent().orElseThrow(() -> new IllegalArgumentException(key
                        + ".parent: a child stream names its parent stream"));
                SourceStream parent = resolved.stream().filter(p -> p.name().equals(parentName)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(key + ".parent: no stream '" + parentName
                                + "' of source " + source));
                if (parent.mode() != SourcesConfig.Mode.INCREMENTAL) {
                    throw new IllegalArgumentException(key + ".parent: " + parentName + " is not incremental: a child"
                            + " follows its parent's window");
                }
                resolved.add(resolve(source, dataset, e.getKey(), e.getValue(), parent, prefix));
            }
        }
        return List.copyOf(resolved);
    }

    private static SourceStream resolve(String source, String dataset, String name, SourcesConfig.Stream s,
                                        SourceStream parent, String prefix) {
        String key = prefix + ".streams." + name;
        name(name, key);
        String table = s.table().orElse(name);
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException(key + ".table: '" + table + "' is not a table name");
        }
        if (s.key().isEmpty()) {
            throw new IllegalArgumentException(key + ".key: a stream names its primary key's columns");
        }
        s.key().forEach(k -> name(k, key + ".key"));
        if (s.chunkSize() < 1) {
            throw new IllegalArgumentException(key + ".chunk-size: at least 1");
        }
        String cursor = s.cursor().map(String::strip).filter(c -> !c.isEmpty()).orElse(null);
        if (s.mode() == SourcesConfig.Mode.INCREMENTAL && cursor == null) {
            throw new IllegalArgumentException(key + ".cursor: an incremental stream names its cursor (a column or an"
                    + " expression)");
        }
        if (s.mode() != SourcesConfig.Mode.INCREMENTAL && cursor != null) {
            throw new IllegalArgumentException(key + ".cursor: only an incremental stream has a cursor");
        }
        if (cursor != null && cursor.contains(";")) {
            throw new IllegalArgumentException(key + ".cursor: one expression, no ';'");
        }
        List<String> parentKey = List.of();
        if (parent != null) {
            parentKey = s.parentKey().orElse(parent.key());
            parentKey.forEach(k -> name(k, key + ".parent-key"));
            if (parentKey.size() != parent.key().size()) {
                throw new IllegalArgumentException(key + ".parent-key: " + parentKey.size() + " columns for the "
                        + parent.key().size() + " of " + parent.name() + "'s key");
            }
        }
        List<String> sums = s.sums().orElse(List.of());
        sums.forEach(c -> name(c, key + ".sums"));
        return new SourceStream(source, dataset, name, table, List.copyOf(s.key()), s.mode(), cursor, parent, parentKey,
                s.chunkSize(), List.copyOf(sums));
    }

    private static String name(String name, String key) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(key + ": '" + name + "' is not a plain lower-case name");
        }
        return name;
    }
}
