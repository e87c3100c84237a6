package com.multistore.elt.infra.service;

import com.multistore.elt.events.InstanceEvent;
import com.multistore.elt.events.InstanceEvent.Action;
import com.multistore.elt.infra.client.Ec2Instances;
import com.multistore.elt.aws.SnsAlerts;
import com.multistore.elt.infra.config.InfraConfig;
import com.multistore.elt.events.Topics;
import com.multistore.elt.infra.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Starts and stops the ETL host. A stop never interrupts a run in progress: it is postponed (remembered in the
 * database), retried, and forced only once the grace period has passed, with an SNS alert. Every action is published
 * on {@code infra.instance.events}, through the outbox.
 */
@ApplicationScoped
public class HostLifecycle {

    /** What a start or stop came to. */
    public record Result(String instanceId, Action action, String state, List<String> runsInProgress) {
    }

    private static final Logger LOG = Logger.getLogger(HostLifecycle.class);

    @Inject
    Ec2Instances ec2;

    @Inject
    HostHolds holds;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    SnsAlerts sns;

    @Inject
    InfraConfig config;

    @Inject
    MeterRegistry registry;

    public Result start(String instanceId, String reason) {
        String state = ec2.start(instanceId);
        LOG.infof("instance %s: start requested (%s), state %s", instanceId, reason, state);
        state = awaitState(instanceId, "running");
        return publish(instanceId, Action.START, state, reason, List.of());
    }

    /** Stops the host unless a run is in progress; then the stop is postponed (or forced when {@code force}). */
    public Result stop(String instanceId, String reason, boolean force) throws SQLException {
        List<String> inProgress = holds.runsInProgress();
        if (force) {
            return stopNow(instanceId, Action.STOP_FORCED, reason + " (forced)", inProgress);
        }
        if (!inProgress.isEmpty()) {
            String why = reason + ": postponed, run(s) in progress " + inProgress + "; retried every "
                    + config.stop().retryEvery() + ", forced after " + config.stop().gracePeriod();
            String state = ec2.state(instanceId);
            // the pending stop and its event commit together
            holds.postpone(instanceId, reason, event(instanceId, Action.STOP_POSTPONED, state, why));
            LOG.infof("instance %s: stop postponed, run(s) %s in progress", instanceId, inProgress);
            return counted(instanceId, Action.STOP_POSTPONED, state, inProgress);
        }
        return stopNow(instanceId, Action.STOP, reason, inProgress);
    }

    /** Retries each postponed stop: stops once no run holds the host, forces it after the grace period. */
    public void retryPendingStops() throws SQLException {
        for (HostHolds.Postponed pending : holds.postponedStops()) {
            List<String> inProgress = holds.runsInProgress();
            if (inProgress.isEmpty()) {
                stopNow(pending.instanceId(), Action.STOP, pending.reason() + " (postponed "
                        + pending.postponements() + " time(s), the runs have finished)", inProgress);
            } else if (pending.waited().compareTo(config.stop().gracePeriod()) >= 0) {
                forceAfterGrace(pending, inProgress);
            } else {
                holds.postponedAgain(pending.instanceId());
                LOG.infof("instance %s: stop still postponed, run(s) %s in progress (waited %s of %s)",
                        pending.instanceId(), inProgress, pending.waited(), config.stop().gracePeriod());
            }
        }
    }

    public String state(String instanceId) {
        return ec2.state(instanceId);
    }

    /** The stop of this instance postponed because of a run in progress, if any. */
    public Optional<HostHolds.Postponed> postponedStop(String instanceId) {
        return holds.postponedStop(instanceId);
    }

    private void forceAfterGrace(HostHolds.Postponed pending, List<String> inProgress) throws SQLException {
        String reason = pending.reason() + ": forced after the grace period of " + config.stop().gracePeriod()
                + " while run(s) " + inProgress + " still appeared in progress";
        Result result = stopNow(pending.instanceId(), Action.STOP_FORCED, reason, inProgress);
        String message = "The ETL host " + pending.instanceId() + " was stopped although run(s) " + inProgress
                + " had not reported etl.transform.completed.\n"
                + "The stop was asked for " + pending.waited() + " ago (" + pending.reason() + ") and postponed "
                + pending.postponements() + " time(s); the grace period (infra.stop.grace-period) is "
                + config.stop().gracePeriod() + ".\n"
                + "Instance state now: " + result.state() + ".\n\n"
                + "Where to look:\n"
                + inProgress.stream().map(r -> "  - run log: select * from ops.etl_run_log where run_id = '"
                        + r.replace("'", "''") + "' order by started_at;\n").reduce("", String::concat)
                + "  - runs seen by the scheduler: select * from ops.infra_run_activity where finished_at is null;\n"
                + "  - a run that was cut off can be replayed (extractor/transformer POST /replay) once the host is up.";
        try {
            sns.publish("infra.sns.topic-arn", config.sns().topicArn(),
                    "[ELT] ETL host " + pending.instanceId() + " stop FORCED, run(s) in progress", message);
        } catch (RuntimeException e) {
            registry.counter("infra.alerts", "result", "failed").increment();
            LOG.errorf("instance %s: forced stop NOT alerted, SNS publish failed: %s", pending.instanceId(), e.getMessage());
            return;
        }
        registry.counter("infra.alerts", "result", "published").increment();
    }

    private Result stopNow(String instanceId, Action action, String reason, List<String> inProgress)
            throws SQLException {
        String state = ec2.stop(instanceId);
        LOG.infof("instance %s: stop requested (%s), state %s", instanceId, reason, state);
        holds.stopping(instanceId);
        state = awaitState(instanceId, "stopped");
        return publish(instanceId, action, state, reason, inProgress);
    }

    /** Polls DescribeInstances until the wanted state or the configured wait timeout; returns the last state. */
    private String awaitState(String instanceId, String wanted) {
        Instant deadline = Instant.now().plus(config.state().waitTimeout());
        String state = ec2.state(instanceId);
        while (!wanted.equals(state) && Instant.now().isBefore(deadline)) {
            sleep(config.state().pollInterval());
            state = ec2.state(instanceId);
        }
        if (!wanted.equals(state)) {
            LOG.warnf("instance %s: still %s, not %s, after %s", instanceId, state, wanted, config.state().waitTimeout());
        }
        return state;
    }

    /** Writes the action's event to the outbox (a transaction of its own), which publishes it. */
    private Result publish(String instanceId, Action action, String state, String reason, List<String> inProgress) {
        try {
            outbox.add(Topics.INSTANCE_EVENTS, instanceId, event(instanceId, action, state, reason));
        } catch (SQLException e) {
            throw new IllegalStateException("instance " + instanceId + ": " + action + " done, its event not written: "
                    + e.getMessage(), e);
        }
        return counted(instanceId, action, state, inProgress);
    }

    private InstanceEvent event(String instanceId, Action action, String state, String reason) {
        return new InstanceEvent(instanceId, action, state, reason, clock.instant());
    }

    private Result counted(String instanceId, Action action, String state, List<String> inProgress) {
        registry.counter("infra.instance.actions", "action", action.name()).increment();
        return new Result(instanceId, action, state, inProgress);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the instance state", e);
        }
    }
}
