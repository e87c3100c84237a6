insert into ops.loader_counts as c (run_id, store, entity, dead_lettered) values (?, ?, ?, ?)
on conflict (run_id, store, entity)
    do update set dead_lettered = c.dead_lettered + excluded.dead_lettered, last_staged_at = now()
