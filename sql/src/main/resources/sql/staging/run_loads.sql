select c.store, c.entity, c.staged, c.dead_lettered, c.batches, c.archive_error,
       l.status, l.staged_count, l.dead_lettered_count, l.archive_uri, l.error, l.declared_at
from ops.loader_counts c
left join ops.loader_loads l using (run_id, store, entity)
where c.run_id = ?
union all
select l.store, l.entity, 0, 0, 0, null, l.status, l.staged_count, l.dead_lettered_count, l.archive_uri, l.error, l.declared_at
from ops.loader_loads l
where l.run_id = ? and not exists (
    select 1 from ops.loader_counts c where c.run_id = l.run_id and c.store = l.store and c.entity = l.entity)
order by 1, 2
