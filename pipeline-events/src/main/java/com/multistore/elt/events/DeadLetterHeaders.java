package com.multistore.elt.events;

/**
 * Header names on {@code etl.dlq}. The record keeps the original key and bytes; these headers say where it came
 * from and why it could not be processed. The names are those SmallRye's dead-letter queue writes itself, so a
 * record dead-lettered by the connector (failure-strategy=dead-letter-queue) and one written by a service's own
 * producer (the loader's batches) read the same; {@link #SERVICE} and {@link #RUN_ID} are the pipeline's additions.
 */
public final class DeadLetterHeaders {

    public static final String SOURCE_TOPIC = "dead-letter-topic";
    public static final String SOURCE_PARTITION = "dead-letter-partition";
    public static final String SOURCE_OFFSET = "dead-letter-offset";
    public static final String ERROR_CLASS = "dead-letter-exception-class-name";
    public static final String ERROR_MESSAGE = "dead-letter-reason";
    /** The service that gave up on the record. */
    public static final String SERVICE = "dead-letter-service";
    /** The run the record belonged to, when it could be read. */
    public static final String RUN_ID = "dead-letter-run-id";

    private DeadLetterHeaders() {
    }
}
