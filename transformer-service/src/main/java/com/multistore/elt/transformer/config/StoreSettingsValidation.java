package com.multistore.elt.transformer.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Refuses to start with store settings the merges cannot use, naming each bad key. */
@ApplicationScoped
public class StoreSettingsValidation {

    private static final Set<String> CHANNELS = Set.of("B2C", "B2B");

    void onStart(@Observes StartupEvent event, TransformerConfig config) {
        List<String> problems = new ArrayList<>();
        config.stores().forEach((store, settings) -> {
            if (!CHANNELS.contains(settings.channel())) {
                problems.add("pipeline.stores." + store + ".channel must be B2C or B2B, not '" + settings.channel() + "'");
            }
            try {
                ZoneId.of(settings.timeZone());
            } catch (DateTimeException e) {
                problems.add("pipeline.stores." + store + ".time-zone is not an IANA time zone: '" + settings.timeZone() + "'");
            }
            settings.currency().filter(c -> !c.matches("[A-Z]{3}"))
                    .ifPresent(c -> problems.add("pipeline.stores." + store + ".currency is not an ISO 4217 code: '" + c + "'"));
        });
        if (config.stores().isEmpty()) {
            problems.add("no stores configured (pipeline.stores.<code>.channel, .time-zone, .inventory-priority)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid store settings: " + String.join("; ", problems));
        }
    }
}
