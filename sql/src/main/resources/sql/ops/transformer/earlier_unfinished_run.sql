-- Runs of a store merge in the order they started: the earliest run started before this one that plans a store of
-- this one and has not ended. This run's merges wait for it. Param: run id. No row when nothing is in the way.
with mine as (
    select r.run_id, r.started_at, p.store
    from ops.etl_runs r
    cross join lateral jsonb_to_recordset(r.plan) as p(store text, entity text)
    where r.run_id = ?
)
select e.run_id, string_agg(distinct m.store, ', ' order by m.store) as stores
from ops.etl_runs e
cross join lateral jsonb_to_recordset(e.plan) as p(store text, entity text)
join mine m on m.store = p.store
where e.status = 'RUNNING' and e.run_id <> m.run_id
  and (e.started_at, e.run_id) < (m.started_at, m.run_id)
group by e.run_id, e.started_at
order by e.started_at, e.run_id
limit 1
