-- Claims the next attempt of a run that was transformed before (a replay). Params: claim time (the transformer's
-- clock), run id. Returns the attempt number, the stores' business dates and the claim time (etl.as_of).
update ops.etl_runs
set transform_attempts = transform_attempts + 1, transform_started_at = ?, status = 'RUNNING',
    ended_at = null, error = null
where run_id = ? and transform_attempts > 0
returning transform_attempts, business_dates::text, transform_started_at
