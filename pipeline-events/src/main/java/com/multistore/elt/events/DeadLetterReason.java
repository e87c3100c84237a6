package com.multistore.elt.events;

/** How many records of a load went to {@code etl.dlq} for one reason (the first line of the error). */
public record DeadLetterReason(String reason, long count) {
}
