package com.multistore.elt.events;

/** Outcome of a stage of a run. */
public enum Status {
    SUCCEEDED, FAILED
}
