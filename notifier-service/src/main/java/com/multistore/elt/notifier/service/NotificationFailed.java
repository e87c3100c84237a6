package com.multistore.elt.notifier.service;

/** A send whose outcome could not be delivered (the SNS alert itself failed): recorded FAILED, then raised. */
public class NotificationFailed extends RuntimeException {
    public NotificationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
