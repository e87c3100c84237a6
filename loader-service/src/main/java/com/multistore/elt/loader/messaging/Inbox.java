package com.multistore.elt.loader.messaging;

import com.multistore.elt.service.inbox.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.eclipse.microprofile.health.Readiness;

/** This service's event inbox (service-support): poison to etl.dlq once, transient failures tried again; readiness. */
@Readiness
@Default
@ApplicationScoped
public class Inbox extends EventInbox {
}
