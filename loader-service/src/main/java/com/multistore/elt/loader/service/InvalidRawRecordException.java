package com.multistore.elt.loader.service;

/** A raw record that cannot be staged as it is (the reason goes to the dead-letter headers). */
public class InvalidRawRecordException extends RuntimeException {

    public InvalidRawRecordException(String message) {
        super(message);
    }
}
