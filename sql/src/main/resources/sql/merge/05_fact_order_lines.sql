-- fact_order_lines: upsert by (store, line item id) from the order versions that are now current in fact_orders
-- (an older re-delivered order changes no line). line_total = quantity x unit price; discounts kept apart.
-- Lines an order edit removed (older order version than the order's current one) are deleted.

create temporary table line_stage on commit drop as
select o.store,
       warehouse.gid_id(li ->> 'id')                                     as line_item_id,
       f.order_id,
       (li #>> '{variant,legacyResourceId}')::bigint                     as variant_id,
       (li #>> '{product,legacyResourceId}')::bigint                     as product_id,
       nullif(trim(li ->> 'sku'), '')                                    as sku,
       li ->> 'name'                                                     as title,
       (li ->> 'quantity')::integer                                      as quantity,
       warehouse.money(li -> 'originalUnitPriceSet')                     as unit_price,
       coalesce(warehouse.money(li -> 'totalDiscountSet'), 0)            as discount_total,
       f.currency,
       f.updated_at                                                      as order_updated_at
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.orders s where s.run_id = current_setting('etl.run_id') offset 0) o
join warehouse.fact_orders f
  on f.store = o.store
 and f.order_id = (o.payload ->> 'legacyResourceId')::bigint
 and f.updated_at = (o.payload ->> 'updatedAt')::timestamptz
cross join lateral jsonb_array_elements(coalesce(o.payload #> '{lineItems,nodes}', '[]')) li;

insert into warehouse.fact_order_lines as l
    (store, line_item_id, order_id, variant_id, product_id, sku, title, quantity, unit_price, line_total,
     discount_total, currency, order_updated_at, loaded_run_id)
select store, line_item_id, order_id, variant_id, product_id, sku, title, quantity, unit_price,
       quantity * unit_price, discount_total, currency, order_updated_at, current_setting('etl.run_id')
from line_stage
on conflict (store, line_item_id) do update
    set order_id         = excluded.order_id,
        variant_id       = excluded.variant_id,
        product_id       = excluded.product_id,
        sku              = excluded.sku,
        title            = excluded.title,
        quantity         = excluded.quantity,
        unit_price       = excluded.unit_price,
        line_total       = excluded.line_total,
        discount_total   = excluded.discount_total,
        currency         = excluded.currency,
        order_updated_at = excluded.order_updated_at,
        loaded_run_id    = excluded.loaded_run_id
    where excluded.order_updated_at >= l.order_updated_at;

delete from warehouse.fact_order_lines l
using warehouse.fact_orders f
where f.loaded_run_id = current_setting('etl.run_id')
  and l.store = f.store and l.order_id = f.order_id
  and l.order_updated_at < f.updated_at;

select count(*) as merged_rows from line_stage;
