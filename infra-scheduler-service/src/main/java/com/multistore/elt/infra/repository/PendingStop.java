package com.multistore.elt.infra.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ops.infra_pending_stops}: a stop postponed because a run was in progress, kept across restarts. A second
 * request keeps the first one's time, so the grace period is not extended.
 */
@Entity
@Table(schema = "ops", name = "infra_pending_stops")
public class PendingStop extends PanacheEntityBase {

    @Id
    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public int postponements;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    /** Remembers a postponed stop, or counts one more postponement of the stop already remembered. */
    public static PendingStop register(String instanceId, String reason, Instant now) {
        PendingStop stop = findById(instanceId, LockModeType.PESSIMISTIC_WRITE);
        if (stop == null) {
            stop = new PendingStop();
            stop.instanceId = instanceId;
            stop.requestedAt = now;
            stop.reason = reason;
            stop.persist();
        } else {
            stop.postponedAgain(now);
        }
        return stop;
    }

    /** The postponed stops, oldest first. */
    public static List<PendingStop> oldestFirst() {
        return list("order by requestedAt");
    }

    public void postponedAgain(Instant now) {
        postponements++;
        lastCheckedAt = now;
    }

    public Duration waited(Instant now) {
        return Duration.between(requestedAt, now);
    }
}
