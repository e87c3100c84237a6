package com.multistore.elt.extractor.health;

import com.multistore.elt.service.store.StoresReadinessCheck;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a store configured; checks at start-up that each store has an address and a token. */
@Readiness
@Startup
@ApplicationScoped
public class StoresReadiness extends StoresReadinessCheck {

    @Override
    protected boolean needsAddress() {
        return true;
    }
}
