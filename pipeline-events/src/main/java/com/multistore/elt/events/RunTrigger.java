package com.multistore.elt.events;

/** What started a run. */
public enum RunTrigger {
    SCHEDULE, MANUAL, REPLAY
}
