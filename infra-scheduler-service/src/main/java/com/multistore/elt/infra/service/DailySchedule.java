package com.multistore.elt.infra.service;

import com.multistore.elt.infra.config.InfraConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;

/**
 * The daily schedule: start the configured instances before the run (default 11:25 UTC), stop them after it
 * (default 13:30 UTC), and retry postponed stops. A failure is logged per instance and does not stop the others.
 */
@ApplicationScoped
public class DailySchedule {

    private static final Logger LOG = Logger.getLogger(DailySchedule.class);

    @Inject
    HostLifecycle lifecycle;

    @Inject
    InfraConfig config;

    @Inject
    MeterRegistry registry;

    @Scheduled(identity = "host-start", cron = "${infra.schedule.start-cron:off}", timeZone = "${infra.schedule.zone:UTC}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void scheduledStart() {
        for (String id : instances()) {
            try {
                lifecycle.start(id, "scheduled start");
            } catch (RuntimeException e) {
                failed("start");
                LOG.errorf("instance %s: scheduled start failed: %s", id, e.getMessage());
            }
        }
    }

    @Scheduled(identity = "host-stop", cron = "${infra.schedule.stop-cron:off}", timeZone = "${infra.schedule.zone:UTC}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void scheduledStop() {
        for (String id : instances()) {
            try {
                lifecycle.stop(id, "scheduled stop", false);
            } catch (SQLException | RuntimeException e) {
                failed("stop");
                LOG.errorf("instance %s: scheduled stop failed: %s", id, e.getMessage());
            }
        }
    }

    @Scheduled(identity = "postponed-stops", every = "${infra.stop.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void retryPostponedStops() {
        try {
            lifecycle.retryPendingStops();
        } catch (SQLException | RuntimeException e) {
            failed("retry-stop");
            LOG.errorf("postponed stops not retried: %s", e.getMessage());
        }
    }

    private void failed(String action) {
        registry.counter("infra.schedule.failures", "action", action).increment();
    }

    private List<String> instances() {
        List<String> ids = config.instanceIds().orElse(List.of());
        if (ids.isEmpty()) {
            LOG.warn("infra.instance-ids is empty: the schedule has nothing to start or stop");
        }
        return ids;
    }
}
