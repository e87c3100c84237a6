-- fact_order_lines: upsert by (store, line item id) from the order versions that are now current in fact_orders
-- (an older re-delivered order changes no line). Both quantities: the ordered one and the current one (after refunds,
-- edits and cancellation; the ordered one when a payload lacks it), and the quantity still refundable;
-- line_total = current quantity x unit price;
-- discounts kept apart.
-- A line is rewritten only when it changed; lines an order edit removed from a current order are deleted. The job's
-- rows are the lines inserted, updated or deleted.

-- The orders of this run whose staged version is the current one.
create temporary table line_order_stage on commit drop as
select f.store, f.order_id, f.currency, f.updated_at, o.payload #> '{lineItems,nodes}' as lines
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.orders s where s.run_id = current_setting('etl.run_id') offset 0) o
join warehouse.fact_orders f
  on f.store = o.store
 and f.order_id = (o.payload ->> 'legacyResourceId')::bigint
 and f.updated_at = (o.payload ->> 'updatedAt')::timestamptz;

create temporary table line_stage on commit drop as
select o.store,
       warehouse.gid_id(li ->> 'id')                                     as line_item_id,
       o.order_id,
       (li #>> '{variant,legacyResourceId}')::bigint                     as variant_id,
       (li #>> '{product,legacyResourceId}')::bigint                     as product_id,
       nullif(trim(li ->> 'sku'), '')                                    as sku,
       li ->> 'name'                                                     as title,
       (li ->> 'quantity')::integer                                      as quantity,
       coalesce((li ->> 'currentQuantity')::integer, (li ->> 'quantity')::integer) as current_quantity,
       (li ->> 'refundableQuantity')::integer                            as refundable_quantity,
       warehouse.money(li -> 'originalUnitPriceSet')                     as unit_price,
       coalesce(warehouse.money(li -> 'totalDiscountSet'), 0)            as discount_total,
       o.currency,
       o.updated_at                                                      as order_updated_at
from line_order_stage o
cross join lateral jsonb_array_elements(coalesce(o.lines, '[]')) li;

create temporary table line_merged (n bigint) on commit drop;
with merged as (
insert into warehouse.fact_order_lines as l
    (store, line_item_id, order_id, variant_id, product_id, sku, title, quantity, current_quantity,
     refundable_quantity, unit_price, line_total, discount_total, currency, order_updated_at, loaded_run_id)
select store, line_item_id, order_id, variant_id, product_id, sku, title, quantity, current_quantity,
       refundable_quantity, unit_price, current_quantity * unit_price, discount_total, currency, order_updated_at,
       current_setting('etl.run_id')
from line_stage
on conflict (store, line_item_id) do update
    set order_id         = excluded.order_id,
        variant_id       = excluded.variant_id,
        product_id       = excluded.product_id,
        sku              = excluded.sku,
        title            = excluded.title,
        quantity         = excluded.quantity,
        current_quantity = excluded.current_quantity,
        refundable_quantity = excluded.refundable_quantity,
        unit_price       = excluded.unit_price,
        line_total       = excluded.line_total,
        discount_total   = excluded.discount_total,
        currency         = excluded.currency,
        order_updated_at = excluded.order_updated_at,
        loaded_run_id    = excluded.loaded_run_id
    where excluded.order_updated_at >= l.order_updated_at
      and (l.order_id, l.variant_id, l.product_id, l.sku, l.title, l.quantity, l.current_quantity,
           l.refundable_quantity, l.unit_price, l.discount_total, l.currency)
          is distinct from (excluded.order_id, excluded.variant_id, excluded.product_id, excluded.sku, excluded.title,
                            excluded.quantity, excluded.current_quantity, excluded.refundable_quantity,
                            excluded.unit_price, excluded.discount_total, excluded.currency)
returning 1)
insert into line_merged select count(*) from merged;

with removed as (
delete from warehouse.fact_order_lines l
using line_order_stage o
where l.store = o.store and l.order_id = o.order_id
  and not exists (select 1 from line_stage s where s.store = l.store and s.line_item_id = l.line_item_id)
returning 1)
insert into line_merged select count(*) from removed;

select sum(n) as merged_rows from line_merged;
