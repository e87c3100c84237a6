package com.multistore.elt.loader.service;

import com.multistore.elt.events.Entity;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Reads the raw records of one business day (per store time zone) from Kafka or the archive, in batches. */
public interface DayReader {

    /** A sink for batches; may throw to abort the read. */
    @FunctionalInterface
    interface BatchSink {
        void accept(List<SourceRecord> batch) throws Exception;
    }

    /**
     * @param stores the stores to read, or null for all
     * @return how many records were passed to the sink
     */
    long read(LocalDate date, Set<String> stores, List<Entity> entities, BatchSink sink) throws Exception;
}
