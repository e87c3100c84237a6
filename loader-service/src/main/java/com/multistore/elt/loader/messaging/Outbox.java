package com.multistore.elt.loader.messaging;

import com.multistore.elt.service.outbox.EventOutbox;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.eclipse.microprofile.health.Readiness;

/** This service's event outbox (service-support): etl.load.completed, written with the declared load, and a replay run.s etl.run.started. */
@Readiness
@Default
@Startup
@ApplicationScoped
public class Outbox extends EventOutbox {
}
