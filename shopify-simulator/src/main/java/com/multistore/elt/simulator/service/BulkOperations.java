package com.multistore.elt.simulator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The bulk jobs of one shop (kept for its lifetime, newest last). */
public final class BulkOperations {
    private final long base;
    private final AtomicLong sequence = new AtomicLong();
    private final List<BulkOperation> all = new CopyOnWriteArrayList<>();

    public BulkOperations(long base) {
        this.base = base;
    }

    public long nextId() {
        return base + sequence.incrementAndGet();
    }

    public void add(BulkOperation op) {
        all.add(op);
    }

    public BulkOperation find(long id) {
        for (BulkOperation op : all) {
            if (op.id == id) {
                return op;
            }
        }
        return null;
    }

    public List<BulkOperation> all() {
        return new ArrayList<>(all);
    }

    public List<BulkOperation> active() {
        return all.stream().filter(BulkOperation::active).toList();
    }

    public BulkOperation newest() {
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
