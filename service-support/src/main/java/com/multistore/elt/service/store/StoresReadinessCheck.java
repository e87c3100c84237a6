package com.multistore.elt.service.store;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Readiness of a service that works on stores: DOWN while no store is enabled, saying which keys configure one. A
 * service subclasses it as {@code @Readiness @Startup @ApplicationScoped}; at start-up it logs the stores and their
 * zones, or says plainly that there are none, and refuses to start with store settings that name a bad value.
 */
public abstract class StoresReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StoresReadinessCheck.class);
    static final String NONE = "no stores configured: set pipeline.stores.<code>.time-zone, .channel (and the"
            + " connection keys) in the deployment's configuration";

    @Inject
    StoresConfig stores;

    /** True for a service that calls the stores' APIs (it needs an address and a token for each). */
    protected boolean needsAddress() {
        return false;
    }

    @PostConstruct
    void checkAtStart() {
        List<String> problems = StoreSettingsCheck.problems(stores, needsAddress());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid store settings: " + String.join("; ", problems));
        }
        if (stores.enabled().isEmpty()) {
            LOG.warn(NONE + "; this service is not ready until it has one");
        } else {
            LOG.infof("stores: %s", stores.enabled().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue().timeZone() + ", " + e.getValue().channel() + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    @Override
    public HealthCheckResponse call() {
        var enabled = stores.enabled();
        var response = HealthCheckResponse.named("stores").status(!enabled.isEmpty());
        return enabled.isEmpty() ? response.withData("reason", NONE).build()
                : response.withData("stores", String.join(",", enabled.keySet())).build();
    }
}
