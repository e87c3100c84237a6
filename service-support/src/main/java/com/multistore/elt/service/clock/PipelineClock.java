package com.multistore.elt.service.clock;

import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The one clock of a service: every "now" of the business logic (business dates, extraction times, the merges' as-of,
 * the simulator's history) is read from the {@link Clock} this produces. It is the system clock in UTC, or, with
 * {@code pipeline.clock.fixed}, that instant for ever (refused in the prod profile). Elapsed time (timeouts, polling,
 * backoff) is measured with {@link System#nanoTime()}, never with this clock.
 */
@ApplicationScoped
public class PipelineClock {

    private static final Logger LOG = Logger.getLogger(PipelineClock.class);

    @Produces
    @Singleton
    Clock clock(ClockConfig config) {
        return config.fixed().map(at -> {
            if (ConfigUtils.getProfiles().contains("prod")) {
                throw new IllegalStateException("pipeline.clock.fixed=" + at + " is refused in the prod profile: a"
                        + " production service runs on the real clock (pin it only under a test or demo profile)");
            }
            LOG.warnf("the clock is fixed at %s (pipeline.clock.fixed): every \"now\" of this service is that instant", at);
            return Clock.fixed(at, ZoneOffset.UTC);
        }).orElseGet(Clock::systemUTC);
    }
}
