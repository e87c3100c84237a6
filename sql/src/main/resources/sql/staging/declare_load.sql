insert into ops.loader_loads (run_id, store, entity, status, staged_count, dead_lettered_count, archive_uri, error,
                              extracted)
values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
on conflict (run_id, store, entity) do nothing
