-- A run began (etl.run.started): it holds the host until its etl.transform.completed arrives.
insert into ops.infra_run_activity as a (run_id, started_at)
values (?, now())
on conflict (run_id) do update
   set started_at = coalesce(a.started_at, excluded.started_at), seen_at = now()
