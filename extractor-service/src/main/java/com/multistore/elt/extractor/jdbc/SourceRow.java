package com.multistore.elt.extractor.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of a stream as read: its key as the record's gid (the key's values, each URL-encoded, joined by '/'), when
 * it last changed by the cursor (null for a snapshot), its business day in the source's zone (the lake partition;
 * the cursor's local date, else the run's business date) and the row's columns as JSON with their types kept.
 */
public record SourceRow(String gid, Instant changedAt, LocalDate businessDay, ObjectNode values) {
}
