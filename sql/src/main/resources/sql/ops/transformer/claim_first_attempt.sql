-- Claims attempt 1 of a run (its merges, or its failure) exactly once. Params: claim time (the transformer's clock),
-- run id. Returns the attempt, the stores' business dates and the claim time (the merges' "now": etl.as_of).
update ops.etl_runs
set transform_attempts = 1, transform_started_at = ?
where run_id = ? and status = 'RUNNING' and transform_attempts = 0
returning transform_attempts, business_dates::text, transform_started_at
