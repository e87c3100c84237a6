-- A load's counts after a redrive: the run's staging rows and its dead letters not redriven, in ops.loader_counts
-- and (when the load was declared) ops.loader_loads. Params: run id, store (twice).
with counts as (
    update ops.loader_counts c
    set staged = (select count(*) from staging.${entity} s where s.run_id = c.run_id and s.store = c.store),
        dead_lettered = (select count(*) from ops.loader_dead_letters d
                         where d.run_id = c.run_id and d.store = c.store and d.entity = c.entity and d.redriven_at is null),
        last_staged_at = now()
    where c.run_id = ? and c.store = ? and c.entity = '${entity}'
    returning c.run_id, c.store, c.staged, c.dead_lettered
)
update ops.loader_loads l
set staged_count = counts.staged, dead_lettered_count = counts.dead_lettered
from counts
where l.run_id = counts.run_id and l.store = counts.store and l.entity = '${entity}'
