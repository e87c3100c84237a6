-- Runs still waiting for their planned loads after the barrier timeout. Param: timeout in seconds. A run whose loads
-- are all in and that waits only for an earlier run of its stores to end is not expired (that run ends by itself).
select r.run_id from ops.etl_runs r
where r.status = 'RUNNING' and r.transform_attempts = 0
  and r.started_at < now() - make_interval(secs => ?)
  and exists (select 1
              from jsonb_to_recordset(r.plan) as p(store text, entity text)
              left join ops.etl_run_loads l on l.run_id = r.run_id and l.store = p.store and l.entity = p.entity
              where l.status is distinct from 'SUCCEEDED')
