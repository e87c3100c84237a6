package com.multistore.elt.notifier.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The notifier's Prometheus counters. */
@ApplicationScoped
public class NotificationMetrics {

    @Inject
    MeterRegistry registry;

    public void notification(String kind, String outcome) {
        registry.counter("notifier.notifications", "kind", kind, "outcome", outcome).increment();
    }

    public void duplicate() {
        registry.counter("notifier.duplicate.events").increment();
    }

    public void refresh(String state) {
        registry.counter("notifier.powerbi.refreshes", "state", state).increment();
    }

    public void alert(boolean published) {
        registry.counter("notifier.sns.alerts", "result", published ? "published" : "failed").increment();
    }
}
