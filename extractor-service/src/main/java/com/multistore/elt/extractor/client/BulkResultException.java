package com.multistore.elt.extractor.client;

/** The bulk result file cannot be turned into payloads (a child that does not follow its parent, a bad line). */
public class BulkResultException extends RuntimeException {

    public BulkResultException(String message) {
        super(message);
    }

    public BulkResultException(String message, Throwable cause) {
        super(message, cause);
    }
}
