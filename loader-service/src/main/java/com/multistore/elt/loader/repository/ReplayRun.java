package com.multistore.elt.loader.repository;

import java.time.Instant;
import java.time.LocalDate;

/** A replay run ({@code ops.loader_replays}): the day and source it re-read, and how it ended (null while running). */
public record ReplayRun(LocalDate businessDate, String source, String status, long recordsRead, String error,
                        Instant startedAt, Instant endedAt) {
}
