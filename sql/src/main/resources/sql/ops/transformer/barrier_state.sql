-- Where a run's plan stands: planned items not yet loaded, items whose load FAILED (with the reasons).
-- Param: run id. No row when the run is unknown.
select r.status,
       r.transform_attempts,
       count(p.*) filter (where l.status is null)                                    as missing,
       count(p.*) filter (where l.status = 'FAILED')                                 as failed,
       string_agg(case when l.status is null then p.entity || '@' || p.store end, ', '
                  order by p.store, p.entity)                                        as missing_items,
       string_agg(case when l.status = 'FAILED' then p.entity || '@' || p.store || ': ' || coalesce(l.error, 'no reason given') end,
                  '; ' order by p.store, p.entity)                                   as failures
from ops.etl_runs r
left join lateral jsonb_to_recordset(r.plan) as p(store text, entity text) on true
left join ops.etl_run_loads l on l.run_id = r.run_id and l.store = p.store and l.entity = p.entity
where r.run_id = ?
group by r.run_id, r.status, r.transform_attempts
