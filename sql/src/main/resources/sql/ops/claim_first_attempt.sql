-- Claims attempt 1 of a run (its merges, or its failure) exactly once. Param: run id.
-- Returns the attempt, the business date and the claim time (the merges' "now": etl.as_of).
update ops.etl_runs
set transform_attempts = 1, transform_started_at = now()
where run_id = ? and status = 'RUNNING' and transform_attempts = 0
returning transform_attempts, business_date, transform_started_at
