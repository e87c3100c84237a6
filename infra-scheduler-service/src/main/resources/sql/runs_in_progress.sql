-- Runs that started, have not finished, and are not older than the configured maximum age (seconds).
select run_id
  from ops.infra_run_activity
 where started_at is not null
   and finished_at is null
   and started_at > now() - make_interval(secs => ?)
 order by started_at
