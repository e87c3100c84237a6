package com.multistore.elt.events;

import java.time.Instant;

/** {@code infra.instance.events}, key instanceId: the ETL host was asked to start or stop, and what came of it. */
public record InstanceEvent(
        String instanceId,
        Action action,
        String state,
        String reason,
        Instant at) {

    public enum Action {
        START, STOP, STOP_POSTPONED, STOP_FORCED
    }
}
