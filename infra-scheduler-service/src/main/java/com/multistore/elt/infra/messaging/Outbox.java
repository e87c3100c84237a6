package com.multistore.elt.infra.messaging;

import com.multistore.elt.service.outbox.EventOutbox;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.eclipse.microprofile.health.Readiness;

/** This service's event outbox (service-support): infra.instance.events, written with the postponed or removed stop it follows. */
@Readiness
@Default
@Startup
@ApplicationScoped
public class Outbox extends EventOutbox {
}
