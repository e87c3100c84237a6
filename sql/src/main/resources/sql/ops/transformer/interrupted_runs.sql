-- Runs whose merges were started but never finished (the service stopped mid-run).
select run_id from ops.etl_runs where status = 'RUNNING' and transform_attempts > 0 order by started_at
