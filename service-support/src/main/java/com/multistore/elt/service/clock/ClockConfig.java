package com.multistore.elt.service.clock;

import io.smallrye.config.ConfigMapping;

import java.time.Instant;
import java.util.Optional;

/** {@code pipeline.clock.*}: what "now" is for the pipeline's business logic. */
@ConfigMapping(prefix = "pipeline.clock")
public interface ClockConfig {

    /**
     * Freezes "now" at this instant (ISO-8601, e.g. {@code 2026-11-02T04:30:00Z}) for tests and demos that must not
     * depend on the hour they run at. Refused in the prod profile.
     */
    Optional<Instant> fixed();
}
