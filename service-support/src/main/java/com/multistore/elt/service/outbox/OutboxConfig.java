package com.multistore.elt.service.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code pipeline.outbox.*}: how a service's relay publishes the events its transactions wrote. */
@ConfigMapping(prefix = "pipeline.outbox")
public interface OutboxConfig {

    /** How often the relay looks for events besides being woken by a commit. */
    @WithDefault("PT1S")
    Duration pollEvery();

    /** The longest wait for the broker's acknowledgement of one batch. */
    @WithDefault("PT30S")
    Duration sendTimeout();

    /** The longest pause between tries while the broker refuses (doubling from poll-every). */
    @WithDefault("PT30S")
    Duration retryMax();

    /** Events per batch. */
    @WithDefault("200")
    int batchSize();

    /** How long published events are kept (for the operator), then deleted. */
    @WithDefault("P7D")
    Duration keep();

    /**
     * {@code false} holds the outgoing events: they are written and kept, not published, until the service runs with
     * the relay on again (a broker migration; the crash tests). Readiness says so.
     */
    @WithDefault("true")
    boolean relay();
}
