-- An attempt of a job starts: the row of (run, attempt, job) counts it. Params: run id, run attempt, job.
insert into ops.etl_run_log (run_id, run_attempt, job, status, rows, attempts, started_at)
values (?, ?, ?, 'RUNNING', 0, 1, now())
on conflict (run_id, run_attempt, job) do update
    set status = 'RUNNING', attempts = ops.etl_run_log.attempts + 1, ended_at = null
returning attempts
