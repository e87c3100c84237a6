-- order_metafields: (store, order id, namespace, key) -> type, value, from the order versions that are now current
-- in fact_orders. A metafield is rewritten only when it changed; metafields removed from a current order are deleted.
-- The job's rows are the metafields inserted, updated or deleted.

-- The orders of this run whose staged version is the current one.
create temporary table metafield_order_stage on commit drop as
select f.store, f.order_id, f.updated_at, o.payload #> '{metafields,nodes}' as metafields
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.orders s where s.run_id = current_setting('etl.run_id') offset 0) o
join warehouse.fact_orders f
  on f.store = o.store
 and f.order_id = (o.payload ->> 'legacyResourceId')::bigint
 and f.updated_at = (o.payload ->> 'updatedAt')::timestamptz;

create temporary table metafield_stage on commit drop as
select distinct on (o.store, o.order_id, m ->> 'namespace', m ->> 'key')
       o.store,
       o.order_id,
       m ->> 'namespace'  as namespace,
       m ->> 'key'        as key,
       m ->> 'type'       as type,
       m ->> 'value'      as value,
       o.updated_at       as order_updated_at
from metafield_order_stage o
cross join lateral jsonb_array_elements(coalesce(o.metafields, '[]')) m
order by o.store, o.order_id, m ->> 'namespace', m ->> 'key', (m ->> 'updatedAt') desc nulls last;

create temporary table metafield_merged (n bigint) on commit drop;
with merged as (
insert into warehouse.order_metafields as t
    (store, order_id, namespace, key, type, value, order_updated_at, loaded_run_id)
select store, order_id, namespace, key, type, value, order_updated_at, current_setting('etl.run_id')
from metafield_stage
on conflict (store, order_id, namespace, key) do update
    set type             = excluded.type,
        value            = excluded.value,
        order_updated_at = excluded.order_updated_at,
        loaded_run_id    = excluded.loaded_run_id
    where excluded.order_updated_at >= t.order_updated_at
      and (t.type, t.value) is distinct from (excluded.type, excluded.value)
returning 1)
insert into metafield_merged select count(*) from merged;

with removed as (
delete from warehouse.order_metafields t
using metafield_order_stage o
where t.store = o.store and t.order_id = o.order_id
  and not exists (select 1 from metafield_stage s
                  where s.store = t.store and s.order_id = t.order_id and s.namespace = t.namespace and s.key = t.key)
returning 1)
insert into metafield_merged select count(*) from removed;

select sum(n) as merged_rows from metafield_merged;
