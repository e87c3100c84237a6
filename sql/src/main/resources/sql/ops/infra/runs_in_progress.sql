-- Runs that hold the host: started and not finished, not older than the maximum age. Two witnesses:
-- the events this service followed (ops.infra_run_activity) and, when enabled, the transformer's run table
-- (ops.etl_runs, status RUNNING) unless this service already saw the run's etl.transform.completed.
-- Parameters: the oldest start still counted (now, by the service's clock, less the maximum age) twice, use the
-- run table (boolean).
select run_id
  from ops.infra_run_activity
 where started_at is not null
   and finished_at is null
   and started_at > cast(? as timestamptz)
union
select r.run_id
  from ops.etl_runs r
 where r.status = 'RUNNING'
   and r.started_at > cast(? as timestamptz)
   and cast(? as boolean)
   and not exists (select 1 from ops.infra_run_activity a where a.run_id = r.run_id and a.finished_at is not null)
 order by 1
