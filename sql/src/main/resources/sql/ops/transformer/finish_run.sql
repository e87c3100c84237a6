-- The outcome of a run's attempt. Params: status, error, run id, attempt.
update ops.etl_runs
set status = ?, error = ?, ended_at = now()
where run_id = ? and transform_attempts = ?
