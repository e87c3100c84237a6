-- A load from etl.load.completed; a later event for the same (run, store, entity) replaces it (a loader replay).
-- Params: run id, store, entity, status, staged count, dead-lettered count, error.
insert into ops.etl_run_loads (run_id, store, entity, status, staged_count, dead_lettered_count, error)
values (?, ?, ?, ?, ?, ?, ?)
on conflict (run_id, store, entity) do update
    set status = excluded.status, staged_count = excluded.staged_count,
        dead_lettered_count = excluded.dead_lettered_count, error = excluded.error, received_at = now()
