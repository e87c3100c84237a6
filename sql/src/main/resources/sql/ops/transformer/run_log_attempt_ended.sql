-- An attempt of a job ended. Params: status, rows, error, run id, run attempt, job.
update ops.etl_run_log
set status = ?, rows = ?, error = ?, ended_at = now()
where run_id = ? and run_attempt = ? and job = ?
