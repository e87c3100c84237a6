-- Claims the next attempt of a run that was transformed before (a replay). Param: run id.
-- Returns the attempt number, the business date and the claim time (the merges' "now": etl.as_of).
update ops.etl_runs
set transform_attempts = transform_attempts + 1, transform_started_at = now(), status = 'RUNNING',
    ended_at = null, error = null
where run_id = ? and transform_attempts > 0
returning transform_attempts, business_date, transform_started_at
