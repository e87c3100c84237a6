-- A run from etl.run.started (re-delivery is a no-op). Params: run id, trigger, business date, plan (json).
insert into ops.etl_runs (run_id, trigger, business_date, plan, status)
values (?, ?, ?::date, ?::jsonb, 'RUNNING')
on conflict (run_id) do nothing
