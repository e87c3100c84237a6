-- Numbers a (run, store, entity)'s archived batches and remembers their dates. Rolled back with the batch, so a
-- re-delivered batch reuses its number (and overwrites its own file).
insert into ops.loader_counts as c (run_id, store, entity, batches, archive_dates) values (?, ?, ?, 1, array[?::date])
on conflict (run_id, store, entity)
    do update set batches = c.batches + 1,
                  archive_dates = (select array_agg(distinct d order by d) from unnest(c.archive_dates || excluded.archive_dates) d),
                  last_staged_at = now()
returning batches
