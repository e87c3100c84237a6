package com.multistore.elt.transformer.service;

import com.multistore.elt.transformer.config.TransformerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a run may wait at the barrier: {@code pipeline.transform.barrier-timeout}, or, unset, the extractor's bulk
 * timeout ({@code pipeline.extract.bulk-timeout}, read from the host's shared configuration; the extractor's default
 * PT6H when absent) plus {@code pipeline.transform.barrier-margin}. A barrier shorter than the bulk timeout would fail
 * a large first load that is still running, so that is said at start-up.
 */
@ApplicationScoped
public class BarrierTimeout {

    private static final Logger LOG = Logger.getLogger(BarrierTimeout.class);

    private final Duration value;
    private final Duration bulkTimeout;

    public BarrierTimeout(TransformerConfig config,
                          @ConfigProperty(name = "pipeline.extract.bulk-timeout", defaultValue = "PT6H") Duration bulkTimeout) {
        this.bulkTimeout = bulkTimeout;
        this.value = derive(config.barrierTimeout(), bulkTimeout, config.barrierMargin());
    }

    static Duration derive(Optional<Duration> configured, Duration bulkTimeout, Duration margin) {
        return configured.orElse(bulkTimeout.plus(margin));
    }

    public Duration value() {
        return value;
    }

    void onStart(@Observes StartupEvent event) {
        if (value.compareTo(bulkTimeout) < 0) {
            LOG.warnf("pipeline.transform.barrier-timeout %s is shorter than the bulk timeout %s: a large first load"
                    + " still being extracted will fail at the barrier", value, bulkTimeout);
        } else {
            LOG.infof("barrier timeout %s (bulk timeout %s)", value, bulkTimeout);
        }
    }
}
