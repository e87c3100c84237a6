package com.multistore.elt.loader.service;

import com.multistore.elt.loader.config.LoaderConfig;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/** A business date's bounds in each store's time zone, and the window covering all of them. */
public final class BusinessDay {

    private final LocalDate date;
    private final LoaderConfig config;

    public BusinessDay(LocalDate date, LoaderConfig config) {
        this.date = date;
        this.config = config;
    }

    public boolean contains(String store, long timestampMs) {
        ZoneId zone = config.zoneOf(store);
        return timestampMs >= start(zone).toEpochMilli() && timestampMs < end(zone).toEpochMilli();
    }

    /** The earliest start of the day over the stores' zones (all configured zones when stores is null). */
    public Instant earliestStart(Set<String> stores) {
        return zones(stores).stream().map(this::start).min(Instant::compareTo).orElseThrow();
    }

    private Set<ZoneId> zones(Set<String> stores) {
        Set<ZoneId> zones = new HashSet<>();
        zones.add(config.defaultTimeZone());
        if (stores == null) {
            zones.addAll(config.storeTimeZones().values());
        } else {
            stores.forEach(s -> zones.add(config.zoneOf(s)));
        }
        return zones;
    }

    private Instant start(ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    private Instant end(ZoneId zone) {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
