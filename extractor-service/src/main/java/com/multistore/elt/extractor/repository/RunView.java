package com.multistore.elt.extractor.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A run and the progress of each store x entity. */
public record RunView(String runId, String trigger, Map<String, LocalDate> businessDates, String status, Instant replayFrom,
                      Instant replayTo, Instant startedAt, Instant endedAt, String error, List<RunItem> items) {
}
