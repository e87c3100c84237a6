package com.multistore.elt.extractor.service;

import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.extractor.config.ScheduleConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The daily run ({@code pipeline.schedule.cron} in {@code pipeline.schedule.time-zone}); off unless both are set. A
 * cron without a zone refuses start-up: the hour would otherwise silently be read in UTC.
 */
@ApplicationScoped
public class RunSchedule {

    private static final Logger LOG = Logger.getLogger(RunSchedule.class);

    @Inject
    RunService runs;

    void onStart(@Observes StartupEvent event, ScheduleConfig schedule) {
        if (!schedule.enabled()) {
            LOG.info("no daily run scheduled (pipeline.schedule.cron is not set): runs start by POST /runs");
        } else if (schedule.zone().isEmpty()) {
            throw new IllegalStateException("pipeline.schedule.cron=" + schedule.cron().orElseThrow() + " needs"
                    + " pipeline.schedule.time-zone (the IANA zone the cron is read in)");
        } else {
            LOG.infof("daily run scheduled at '%s' in %s", schedule.cron().orElseThrow(), schedule.zone().get());
        }
    }

    @Scheduled(identity = "daily-run", cron = "${pipeline.schedule.cron:off}",
            timeZone = "${pipeline.schedule.time-zone:UTC}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        try {
            runs.start(RunTrigger.SCHEDULE, RunRequest.all());
        } catch (RunConflictException e) {
            LOG.warnf("scheduled run skipped: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf("scheduled run could not start: %s", e.getMessage());
        }
    }
}
