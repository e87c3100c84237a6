package com.multistore.elt.notifier.client;

/** An outbound call that may succeed when repeated: I/O error, HTTP 429 or 5xx. Retried with backoff. */
public class TransientHttpFailure extends RuntimeException {
    public TransientHttpFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
