package com.multistore.elt.extractor.service;

/** A store asked for is still being extracted by another run (one run at a time per store). */
public class RunConflictException extends RuntimeException {

    private final String store;
    private final String runningRunId;

    public RunConflictException(String store, String runningRunId) {
        super("store " + store + " is still being extracted by run " + runningRunId);
        this.store = store;
        this.runningRunId = runningRunId;
    }

    public String store() {
        return store;
    }

    public String runningRunId() {
        return runningRunId;
    }
}
