package com.multistore.elt.transformer.service;


import java.time.Instant;

/**
 * One attempt at a run's merges: the run, which attempt, its stores' business (snapshot) dates as the JSON object
 * store -> date of ops.etl_runs.business_dates, and the time it is "now" for the marts (the moment the attempt was
 * claimed, by the transformer's clock, recorded as ops.etl_runs.transform_started_at).
 */
public record RunContext(String runId, int attempt, String businessDatesJson, Instant asOf) {

    static RunContext of(String runId, RunLedger.Claim claim) {
        return new RunContext(runId, claim.attempt(), claim.businessDatesJson(), claim.claimedAt());
    }
}
