package com.multistore.elt.simulator.model;

/**
 * A deleted product, variant, order or customer (EventSubjectType in {@code subjectType}), served as a destroy event
 * by {@code events} and, for products, by the deprecated {@code deletionEvents}. Its id is the event's.
 */
public final class DeletionRecord extends Entity {
    public final String subjectType;
    public final long subjectId;
    /** What the subject was called ("Product Rustic Bottle 979"), for the event's message. */
    public final String title;

    public DeletionRecord(long eventId, long occurredAt, String subjectType, long subjectId, String title) {
        super(eventId, occurredAt, occurredAt);
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.title = title;
    }
}
