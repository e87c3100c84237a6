-- A run from etl.run.started (re-delivery is a no-op). Params: run id, trigger, business dates (json store -> date),
-- plan (json).
insert into ops.etl_runs (run_id, trigger, business_dates, plan, status)
values (?, ?, ?::jsonb, ?::jsonb, 'RUNNING')
on conflict (run_id) do nothing
