-- Records a run known only by its loads (its etl.run.started never arrived), so that it can be failed and alerted:
-- trigger UNKNOWN, no business dates, the plan the loads show. Params: run id, run id.
insert into ops.etl_runs (run_id, trigger, business_dates, plan, status)
select ?, 'UNKNOWN', '{}'::jsonb,
       coalesce(jsonb_agg(jsonb_build_object('store', store, 'entity', entity) order by store, entity), '[]'::jsonb),
       'RUNNING'
from ops.etl_run_loads
where run_id = ?
on conflict (run_id) do nothing
