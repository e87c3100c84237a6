package com.multistore.elt.simulator.model;

/** A deleted product, served by deletionEvents. */
public final class DeletionRecord extends Entity {
    public final String subjectType;
    public final long subjectId;

    public DeletionRecord(long id, long occurredAt, String subjectType, long subjectId) {
        super(id, occurredAt, occurredAt);
        this.subjectType = subjectType;
        this.subjectId = subjectId;
    }
}
