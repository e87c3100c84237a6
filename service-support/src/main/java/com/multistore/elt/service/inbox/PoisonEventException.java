package com.multistore.elt.service.inbox;

/** An event that can never be handled as it is (unreadable, or invalid): it goes to the dead-letter topic, once. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
