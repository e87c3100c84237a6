package com.multistore.elt.extractor.messaging;

import com.multistore.elt.service.outbox.EventOutbox;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.eclipse.microprofile.health.Readiness;

/** This service's event outbox (service-support): etl.run.started and etl.extract.completed, written with the run and its items. */
@Readiness
@Default
@Startup
@ApplicationScoped
public class Outbox extends EventOutbox {
}
