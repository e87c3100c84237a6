package com.multistore.elt.transformer.service;

import java.time.Instant;
import java.time.LocalDate;

/** One attempt at a run's merges: the run, which attempt, its business (snapshot) date and the time it is "now". */
public record RunContext(String runId, int attempt, LocalDate businessDate, Instant asOf) {
}
