package com.multistore.elt.simulator.model;

import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The live objects of one type, indexed by id (also CREATED_AT order: ids grow with createdAt) and by
 * (updatedAt, id) for UPDATED_AT paging. Readers page lock-free; writers are serialized.
 */
public final class EntityTable<T extends Entity> {
    private final ConcurrentSkipListMap<Long, T> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListSet<SortKey> byUpdated = new ConcurrentSkipListSet<>();

    public synchronized void add(T e) {
        byId.put(e.id, e);
        byUpdated.add(new SortKey(e.updatedAt(), e.id));
    }

    public synchronized boolean remove(long id) {
        T e = byId.remove(id);
        if (e == null) {
            return false;
        }
        byUpdated.remove(new SortKey(e.updatedAt(), e.id));
        return true;
    }

    /** Sets updatedAt, keeping the UPDATED_AT index right. */
    public synchronized void touch(T e, long epochSecond, long wallMillis) {
        if (byId.get(e.id) != e) {
            return;
        }
        byUpdated.remove(new SortKey(e.updatedAt(), e.id));
        e.updated(epochSecond, wallMillis);
        byUpdated.add(new SortKey(e.updatedAt(), e.id));
    }

    /** Puts a new version of a stored object in its place (same id), written at the given time. */
    public synchronized void replace(T current, T next, long epochSecond, long wallMillis) {
        if (current.id != next.id || byId.get(current.id) != current) {
            throw new IllegalArgumentException("object " + current.id + " is not stored or changes its id");
        }
        byUpdated.remove(new SortKey(current.updatedAt(), current.id));
        next.updated(epochSecond, wallMillis);
        byId.put(next.id, next);
        byUpdated.add(new SortKey(next.updatedAt(), next.id));
    }

    public T get(long id) {
        return byId.get(id);
    }

    public NavigableMap<Long, T> byId() {
        return byId;
    }

    public NavigableSet<SortKey> byUpdated() {
        return byUpdated;
    }

    public int size() {
        return byId.size();
    }

    public long lastId() {
        return byId.isEmpty() ? 0 : byId.lastKey();
    }
}
