-- fact_refund_lines: the details of the run's refunds (staging.refunds, one RefundNode per refund, asked by GID after
-- the run's orders), applied to the refunds fact_refunds holds (07 took them from the orders), newest refund version
-- first: a staged version older than the details a refund already has changes nothing (a replay of an older window).
--   - fact_refund_lines, upsert by (store, refund id, line item id): refunded units, restock type and location, unit
--     price, subtotal and tax; lines no longer on an applied refund are deleted;
--   - fact_refunds: the refunded shipping (subtotal, tax) and the order adjustments, and the details' version;
--   - fact_order_transactions.refund_id: the refund each refund transaction paid;
--   - fact_order_lines.refunded_quantity / refunded_subtotal, recomputed for the lines of every order the run touched
--     (its refunds' orders and its staged orders), after the refund lines of refunds 07 removed are deleted.
-- A refund whose order the warehouse does not hold (deleted before it was merged) is left out. The job's rows are the
-- rows inserted, updated or deleted.

create temporary table refund_detail_stage on commit drop as
select p.store,
       warehouse.gid_id(p.gid)                     as refund_id,
       (p.payload ->> 'updatedAt')::timestamptz    as updated_at,
       p.payload
from (select s.store, s.gid, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.refunds s where s.run_id = current_setting('etl.run_id') offset 0) p;

-- The staged details that are at least as new as what the refund holds.
create temporary table refund_applied on commit drop as
select r.store, r.refund_id, f.order_id, f.currency, r.updated_at, r.payload
from refund_detail_stage r
join warehouse.fact_refunds f on f.store = r.store and f.refund_id = r.refund_id
where f.details_updated_at is null or r.updated_at >= f.details_updated_at;

create temporary table refund_line_stage on commit drop as
select a.store, a.refund_id, warehouse.gid_id(li #>> '{lineItem,id}') as line_item_id, a.order_id,
       sum((li ->> 'quantity')::integer)::integer                      as quantity,
       min(li ->> 'restockType')                                       as restock_type,
       bool_or(coalesce((li ->> 'restocked')::boolean, false))         as restocked,
       min((li #>> '{location,legacyResourceId}')::bigint)             as location_id,
       max(warehouse.money(li -> 'priceSet'))                          as unit_price,
       sum(coalesce(warehouse.money(li -> 'subtotalSet'), 0))          as subtotal,
       sum(coalesce(warehouse.money(li -> 'totalTaxSet'), 0))          as total_tax,
       sum((li #>> '{subtotalSet,presentmentMoney,amount}')::numeric(18, 4)) as presentment_subtotal,
       coalesce(min(li #>> '{subtotalSet,shopMoney,currencyCode}'), min(a.currency)) as currency,
       a.updated_at                                                    as refund_updated_at
from refund_applied a
cross join lateral jsonb_array_elements(coalesce(a.payload #> '{refundLineItems,nodes}', '[]')) li
group by a.store, a.refund_id, warehouse.gid_id(li #>> '{lineItem,id}'), a.order_id, a.updated_at;

create temporary table refund_lines_merged (n bigint) on commit drop;

with merged as (
insert into warehouse.fact_refund_lines as t
    (store, refund_id, line_item_id, order_id, quantity, restock_type, restocked, location_id, unit_price, subtotal,
     total_tax, presentment_subtotal, currency, refund_updated_at, loaded_run_id)
select store, refund_id, line_item_id, order_id, quantity, restock_type, restocked, location_id, unit_price, subtotal,
       total_tax, presentment_subtotal, currency, refund_updated_at, current_setting('etl.run_id')
from refund_line_stage
on conflict (store, refund_id, line_item_id) do update
    set order_id             = excluded.order_id,
        quantity             = excluded.quantity,
        restock_type         = excluded.restock_type,
        restocked            = excluded.restocked,
        location_id          = excluded.location_id,
        unit_price           = excluded.unit_price,
        subtotal             = excluded.subtotal,
        total_tax            = excluded.total_tax,
        presentment_subtotal = excluded.presentment_subtotal,
        currency             = excluded.currency,
        refund_updated_at    = excluded.refund_updated_at,
        loaded_run_id        = excluded.loaded_run_id
    where excluded.refund_updated_at >= t.refund_updated_at
      and (t.order_id, t.quantity, t.restock_type, t.restocked, t.location_id, t.unit_price, t.subtotal, t.total_tax,
           t.presentment_subtotal, t.currency)
          is distinct from (excluded.order_id, excluded.quantity, excluded.restock_type, excluded.restocked,
                            excluded.location_id, excluded.unit_price, excluded.subtotal, excluded.total_tax,
                            excluded.presentment_subtotal, excluded.currency)
returning 1)
insert into refund_lines_merged select count(*) from merged;

-- lines an applied refund no longer has
with removed as (
delete from warehouse.fact_refund_lines t
using refund_applied a
where t.store = a.store and t.refund_id = a.refund_id
  and not exists (select 1 from refund_line_stage s
                  where s.store = t.store and s.refund_id = t.refund_id and s.line_item_id = t.line_item_id)
returning 1)
insert into refund_lines_merged select count(*) from removed;

-- the refund's shipping and adjustments, and the version of its details
with details as (
    select a.store, a.refund_id, a.updated_at,
           (select coalesce(sum(warehouse.money(sl -> 'subtotalAmountSet')), 0)
            from jsonb_array_elements(coalesce(a.payload #> '{refundShippingLines,nodes}', '[]')) sl) as shipping,
           (select coalesce(sum(warehouse.money(sl -> 'taxAmountSet')), 0)
            from jsonb_array_elements(coalesce(a.payload #> '{refundShippingLines,nodes}', '[]')) sl) as shipping_tax,
           (select coalesce(sum(warehouse.money(ad -> 'amountSet')), 0)
            from jsonb_array_elements(coalesce(a.payload #> '{orderAdjustments,nodes}', '[]')) ad) as adjustments
    from refund_applied a),
updated as (
update warehouse.fact_refunds f
set shipping_refunded     = d.shipping,
    shipping_tax_refunded = d.shipping_tax,
    adjustments_total     = d.adjustments,
    details_updated_at    = d.updated_at,
    details_run_id        = current_setting('etl.run_id')
from details d
where f.store = d.store and f.refund_id = d.refund_id
  and (f.shipping_refunded, f.shipping_tax_refunded, f.adjustments_total, f.details_updated_at)
      is distinct from (d.shipping, d.shipping_tax, d.adjustments, d.updated_at)
returning 1)
insert into refund_lines_merged select count(*) from updated;

-- the refund each refund transaction paid
with paid as (
    select distinct a.store, a.refund_id, warehouse.gid_id(tx ->> 'id') as transaction_id
    from refund_applied a
    cross join lateral jsonb_array_elements(coalesce(a.payload #> '{transactions,nodes}', '[]')) tx),
linked as (
update warehouse.fact_order_transactions x
set refund_id = p.refund_id
from paid p
where x.store = p.store and x.transaction_id = p.transaction_id and x.refund_id is distinct from p.refund_id
returning 1)
insert into refund_lines_merged select count(*) from linked;

-- the orders whose lines' refunded figures may have changed: the applied refunds' and the run's staged orders
create temporary table refund_touched_orders on commit drop as
select distinct store, order_id from refund_applied
union
select s.store, warehouse.gid_id(s.gid) from staging.orders s where s.run_id = current_setting('etl.run_id');

-- refund lines of refunds 07 removed from their (current) order
with removed as (
delete from warehouse.fact_refund_lines t
using refund_touched_orders o
where t.store = o.store and t.order_id = o.order_id
  and not exists (select 1 from warehouse.fact_refunds f where f.store = t.store and f.refund_id = t.refund_id)
returning 1)
insert into refund_lines_merged select count(*) from removed;

with refunded as (
    select l.store, l.line_item_id,
           coalesce(sum(r.quantity), 0)::integer as quantity,
           coalesce(sum(r.subtotal), 0)          as subtotal
    from refund_touched_orders o
    join warehouse.fact_order_lines l on l.store = o.store and l.order_id = o.order_id
    left join warehouse.fact_refund_lines r on r.store = l.store and r.line_item_id = l.line_item_id
    group by l.store, l.line_item_id),
updated as (
update warehouse.fact_order_lines l
set refunded_quantity = r.quantity,
    refunded_subtotal = r.subtotal
from refunded r
where l.store = r.store and l.line_item_id = r.line_item_id
  and (l.refunded_quantity, l.refunded_subtotal) is distinct from (r.quantity, r.subtotal)
returning 1)
insert into refund_lines_merged select count(*) from updated;

select sum(n) as merged_rows from refund_lines_merged;
