-- Runs still waiting for their planned loads after the barrier timeout. Param: timeout in seconds.
select run_id from ops.etl_runs
where status = 'RUNNING' and transform_attempts = 0
  and started_at < now() - make_interval(secs => ?)
