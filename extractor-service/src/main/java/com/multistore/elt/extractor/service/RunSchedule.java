package com.multistore.elt.extractor.service;

import com.multistore.elt.events.RunTrigger;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** The daily run ({@code pipeline.schedule.cron} in {@code pipeline.schedule.time-zone}; default 17:00 Asia/Kolkata). */
@ApplicationScoped
public class RunSchedule {

    private static final Logger LOG = Logger.getLogger(RunSchedule.class);

    @Inject
    RunService runs;

    @Scheduled(identity = "daily-run", cron = "${pipeline.schedule.cron:0 0 17 * * ?}",
            timeZone = "${pipeline.schedule.time-zone:Asia/Kolkata}",
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
