-- Runs whose every planned load is in and SUCCEEDED but that no attempt has claimed yet: they waited for an earlier
-- run of one of their stores. Oldest first.
select r.run_id
from ops.etl_runs r
where r.status = 'RUNNING' and r.transform_attempts = 0
  and not exists (select 1
                  from jsonb_to_recordset(r.plan) as p(store text, entity text)
                  left join ops.etl_run_loads l on l.run_id = r.run_id and l.store = p.store and l.entity = p.entity
                  where l.status is distinct from 'SUCCEEDED')
order by r.started_at, r.run_id
