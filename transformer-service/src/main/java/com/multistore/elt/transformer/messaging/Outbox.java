package com.multistore.elt.transformer.messaging;

import com.multistore.elt.service.outbox.EventOutbox;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.eclipse.microprofile.health.Readiness;

/** This service's event outbox (service-support): etl.transform.completed, written with the run's outcome. */
@Readiness
@Default
@Startup
@ApplicationScoped
public class Outbox extends EventOutbox {
}
