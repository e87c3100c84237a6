package com.multistore.elt.extractor.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;

import java.time.Instant;
import java.util.List;

/**
 * What a run should extract: stores and entities (empty = all configured), a forced mode (BULK re-extracts the
 * whole history), and for a replay the window {@code [from, to)} of {@code updated_at}.
 */
public record RunRequest(List<String> stores, List<Entity> entities, ExtractMode mode, Instant from, Instant to) {

    public RunRequest {
        stores = stores == null ? List.of() : List.copyOf(stores);
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    public static RunRequest all() {
        return new RunRequest(List.of(), List.of(), null, null, null);
    }
}
