package com.multistore.elt.simulator.model;

/** A refund of an order (one per refunded order in the generated data). */
public record RefundRecord(long id, long createdAt, long amountCents, String note) {
}
