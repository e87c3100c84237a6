package com.multistore.elt.transformer.service;

import com.multistore.elt.transformer.repository.RunRepository;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One attempt at a run's merges: the run, which attempt, its business (snapshot) date and the time it is "now" for the
 * marts (the moment the attempt was claimed, recorded as ops.etl_runs.transform_started_at).
 */
public record RunContext(String runId, int attempt, LocalDate businessDate, Instant asOf) {

    static RunContext of(String runId, RunRepository.Claim claim) {
        return new RunContext(runId, claim.attempt(), claim.businessDate(), claim.claimedAt());
    }
}
