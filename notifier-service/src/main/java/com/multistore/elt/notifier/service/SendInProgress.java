package com.multistore.elt.notifier.service;

/**
 * A delivered event whose send another delivery holds under a live lease: not finished, so the event is neither
 * acknowledged nor dead-lettered; the event inbox tries it again (a transient failure) until the send is finished or
 * the lease runs out (its claimer crashed) and this delivery resumes it.
 */
public class SendInProgress extends RuntimeException {
    public SendInProgress(String runId, int attempt) {
        super("run " + runId + " attempt " + attempt + ": its notification is being sent under another claim's lease");
    }
}
