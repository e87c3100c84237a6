package com.multistore.elt.simulator.model;

/** Position in a sort order: the sort value, ties broken by id. */
public record SortKey(long value, long id) implements Comparable<SortKey> {
    @Override
    public int compareTo(SortKey o) {
        int c = Long.compare(value, o.value);
        return c != 0 ? c : Long.compare(id, o.id);
    }
}
