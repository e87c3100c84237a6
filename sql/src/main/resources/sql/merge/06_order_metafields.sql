-- order_metafields: (store, order id, namespace, key) -> type, value, from the order versions that are now current
-- in fact_orders. Metafields removed from an order (older order version) are deleted.

create temporary table metafield_stage on commit drop as
select distinct on (o.store, f.order_id, m ->> 'namespace', m ->> 'key')
       o.store,
       f.order_id,
       m ->> 'namespace'  as namespace,
       m ->> 'key'        as key,
       m ->> 'type'       as type,
       m ->> 'value'      as value,
       f.updated_at       as order_updated_at
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.orders s where s.run_id = current_setting('etl.run_id') offset 0) o
join warehouse.fact_orders f
  on f.store = o.store
 and f.order_id = (o.payload ->> 'legacyResourceId')::bigint
 and f.updated_at = (o.payload ->> 'updatedAt')::timestamptz
cross join lateral jsonb_array_elements(coalesce(o.payload #> '{metafields,nodes}', '[]')) m
order by o.store, f.order_id, m ->> 'namespace', m ->> 'key', (m ->> 'updatedAt') desc nulls last;

insert into warehouse.order_metafields as t
    (store, order_id, namespace, key, type, value, order_updated_at, loaded_run_id)
select store, order_id, namespace, key, type, value, order_updated_at, current_setting('etl.run_id')
from metafield_stage
on conflict (store, order_id, namespace, key) do update
    set type             = excluded.type,
        value            = excluded.value,
        order_updated_at = excluded.order_updated_at,
        loaded_run_id    = excluded.loaded_run_id
    where excluded.order_updated_at >= t.order_updated_at;

delete from warehouse.order_metafields t
using warehouse.fact_orders f
where f.loaded_run_id = current_setting('etl.run_id')
  and t.store = f.store and t.order_id = f.order_id
  and t.order_updated_at < f.updated_at;

select count(*) as merged_rows from metafield_stage;
