package com.multistore.elt.transformer.health;

import com.multistore.elt.service.store.StoresReadinessCheck;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a store configured; checks the store settings at start-up (service-support). */
@Readiness
@Startup
@ApplicationScoped
public class StoresReadiness extends StoresReadinessCheck {
}
