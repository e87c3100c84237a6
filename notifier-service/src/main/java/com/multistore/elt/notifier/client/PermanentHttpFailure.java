package com.multistore.elt.notifier.client;

/** An outbound call refused for good (a 4xx other than 429): not retried, recorded and alerted. */
public class PermanentHttpFailure extends RuntimeException {

    private final int status;

    public PermanentHttpFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 401 or 403: the caller is not allowed, which a retry does not change. */
    public boolean accessDenied() {
        return status == 401 || status == 403;
    }
}
