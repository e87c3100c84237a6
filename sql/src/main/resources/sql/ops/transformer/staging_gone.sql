-- The SUCCEEDED loads of a run whose staging rows are no longer all there (the loader's retention removed them, or
-- someone did by hand): merging them would silently merge less than was loaded. Param: run id (8 times). NULL when
-- every load still has its rows.
with staged as (
    select 'orders' as entity, store, count(*) as n from staging.orders where run_id = ? group by store
    union all select 'customers', store, count(*) from staging.customers where run_id = ? group by store
    union all select 'products', store, count(*) from staging.products where run_id = ? group by store
    union all select 'inventory', store, count(*) from staging.inventory where run_id = ? group by store
    union all select 'deletions', store, count(*) from staging.deletions where run_id = ? group by store
    union all select 'ids', store, count(*) from staging.ids where run_id = ? group by store
    union all select 'refunds', store, count(*) from staging.refunds where run_id = ? group by store
)
select string_agg(l.entity || '@' || l.store || ' (' || l.staged_count || ' staged, ' || coalesce(s.n, 0) || ' left)',
                  ', ' order by l.store, l.entity)
from ops.etl_run_loads l
left join staged s on s.entity = l.entity and s.store = l.store
where l.run_id = ? and l.status = 'SUCCEEDED' and coalesce(s.n, 0) < l.staged_count
