package com.multistore.elt.infra.service;

import com.multistore.elt.events.InstanceEvent;
import com.multistore.elt.events.Topics;
import com.multistore.elt.infra.config.InfraConfig;
import com.multistore.elt.infra.messaging.Outbox;
import com.multistore.elt.infra.repository.PendingStop;
import com.multistore.elt.infra.repository.RunActivity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What holds the ETL host, as this service remembers it across restarts: the runs in progress (from
 * {@code etl.run.started} / {@code etl.transform.completed}) and the stops postponed because of them. Each method is
 * one transaction; a postponed stop and its {@code infra.instance.events} event commit together.
 */
@ApplicationScoped
@Transactional(rollbackOn = Exception.class)
public class HostHolds {

    /** A postponed stop as callers see it. */
    public record Postponed(String instanceId, String reason, int postponements, Duration waited) {
    }

    @Inject
    Clock clock;

    @Inject
    InfraConfig config;

    @Inject
    Outbox outbox;

    public void runStarted(String runId) {
        RunActivity.started(runId, clock.instant());
    }

    public void runFinished(String runId) {
        RunActivity.finished(runId, clock.instant());
    }

    /** The runs that hold the host now (the configured maximum age and witnesses). */
    public List<String> runsInProgress() {
        return RunActivity.inProgress(clock.instant(), config.runs().maxAge(), config.runs().useRunTable());
    }

    public List<Postponed> postponedStops() {
        return PendingStop.oldestFirst().stream().map(this::view).toList();
    }

    public Optional<Postponed> postponedStop(String instanceId) {
        return PendingStop.<PendingStop>findByIdOptional(instanceId).map(this::view);
    }

    /** Remembers (or counts again) a postponed stop and writes its event, in one transaction. */
    public void postpone(String instanceId, String reason, InstanceEvent event) throws SQLException {
        PendingStop.register(instanceId, reason, clock.instant());
        outbox.add(Topics.INSTANCE_EVENTS, instanceId, event);
    }

    public void postponedAgain(String instanceId) {
        PendingStop.<PendingStop>findByIdOptional(instanceId).ifPresent(stop -> stop.postponedAgain(clock.instant()));
    }

    /** Forgets a postponed stop (the host is being stopped). */
    public void stopping(String instanceId) {
        PendingStop.deleteById(instanceId);
    }

    private Postponed view(PendingStop stop) {
        return new Postponed(stop.instanceId, stop.reason, stop.postponements, stop.waited(clock.instant()));
    }
}
