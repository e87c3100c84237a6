package com.multistore.elt.extractor.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a stream's table changed since the previous run read it: columns added, columns gone, columns whose type or
 * nullability changed. A run records its schema and warns of these; it does not fail (a new column is carried in the
 * records and the lake, a missing one arrives as null, a retyped one as its new type: the staging model decides).
 */
public record SchemaChanges(List<String> added, List<String> missing, List<String> retyped) {

    /** The changes from {@code previous} (null: never read before, so none) to {@code current}. */
    public static SchemaChanges between(List<SourceColumn> previous, List<SourceColumn> current) {
        if (previous == null) {
            return new SchemaChanges(List.of(), List.of(), List.of());
        }
        Map<String, SourceColumn> before = byName(previous);
        Map<String, SourceColumn> now = byName(current);
        List<String> added = new ArrayList<>();
        List<String> retyped = new ArrayList<>();
        for (SourceColumn column : current) {
            SourceColumn was = before.get(column.name());
            if (was == null) {
                added.add(column.describe());
            } else if (!was.describe().equals(column.describe())) {
                retyped.add(was.describe() + " -> " + column.describe());
            }
        }
        List<String> missing = previous.stream().filter(c -> !now.containsKey(c.name())).map(SourceColumn::describe).toList();
        return new SchemaChanges(List.copyOf(added), missing, List.copyOf(retyped));
    }

    public boolean none() {
        return added.isEmpty() && missing.isEmpty() && retyped.isEmpty();
    }

    /** One line for the run's warning: {@code added [note text null]; missing [...]; retyped [...]}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + added);
        }
        if (!missing.isEmpty()) {
            parts.add("missing " + missing);
        }
        if (!retyped.isEmpty()) {
            parts.add("retyped " + retyped);
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static Map<String, SourceColumn> byName(List<SourceColumn> columns) {
        Map<String, SourceColumn> map = new LinkedHashMap<>();
        columns.forEach(c -> map.put(c.name(), c));
        return map;
    }
}
