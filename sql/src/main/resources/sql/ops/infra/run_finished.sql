-- A run's transform completed (etl.transform.completed, any attempt): it no longer holds the host.
insert into ops.infra_run_activity as a (run_id, finished_at)
values (?, now())
on conflict (run_id) do update
   set finished_at = excluded.finished_at, seen_at = now()
