package com.multistore.elt.events;

/** How one store x entity is extracted in a run. */
public enum ExtractMode {
    /** A bulk operation over the whole history (first load, or on request). */
    BULK,
    /** Paged query by updated_at from the watermark minus the overlap. */
    INCREMENTAL,
    /** A full snapshot (inventory levels). */
    SNAPSHOT
}
