package com.multistore.elt.notifier.service;

/**
 * A send whose alert could not be published (SNS failed): it stays PENDING and released, and this is raised, so the
 * event inbox tries the event again (never dead-lettered) and a replay answers with the reason.
 */
public class NotificationFailed extends RuntimeException {
    public NotificationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
