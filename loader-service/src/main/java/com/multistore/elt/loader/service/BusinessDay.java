package com.multistore.elt.loader.service;

import com.multistore.elt.service.store.StoresConfig;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A business date of some stores, each in its own time zone: a record belongs to it when its business date (the
 * store's date in the run that extracted it) is that date. No record of the day was extracted before the day began in
 * its store's zone, so a replay from Kafka starts reading there.
 */
public final class BusinessDay {

    private final LocalDate date;
    private final StoresConfig stores;

    public BusinessDay(LocalDate date, StoresConfig stores) {
        this.date = date;
        this.stores = stores;
    }

    public boolean contains(StageableRecord record) {
        return date.equals(record.businessDate());
    }

    /** For a record that cannot be read: its Kafka timestamp falls in the day of its (configured) store. */
    public boolean containsTimestamp(String store, long timestampMs) {
        StoresConfig.Store configured = stores.all().get(store);
        return configured != null
                && date.equals(Instant.ofEpochMilli(timestampMs).atZone(configured.timeZone()).toLocalDate());
    }

    /** The earliest start of the day over the stores' zones (every configured store when stores is null). */
    public Instant earliestStart(Set<String> codes) {
        Set<String> which = codes == null ? stores.all().keySet() : codes;
        if (which.isEmpty()) {
            throw new IllegalArgumentException("no stores configured (pipeline.stores.<code>.time-zone): a business day"
                    + " has no bounds without them");
        }
        return which.stream().map(code -> date.atStartOfDay(stores.zoneOf(code)).toInstant())
                .min(Instant::compareTo).orElseThrow();
    }
}
