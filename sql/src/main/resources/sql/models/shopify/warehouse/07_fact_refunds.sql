-- fact_refunds: upsert by (store, refund id) from the order versions that are now current in fact_orders (an older
-- re-delivered order changes no refund). A refund is dated by when it was processed, in the store's time zone
-- (refund_date: "refunds by refund date"). A refund is rewritten only when it changed; refunds no longer on a current
-- order are deleted. The job's rows are the refunds inserted, updated or deleted. Its lines, shipping lines,
-- adjustments and transactions are connections under the refunds list, which a bulk query cannot nest: they are not
-- in the order payload.

-- The orders of this run whose staged version is the current one.
create temporary table refund_order_stage on commit drop as
select f.store, f.order_id, f.currency, f.presentment_currency, f.updated_at, o.payload -> 'refunds' as refunds
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.orders s where s.run_id = current_setting('etl.run_id') offset 0) o
join warehouse.fact_orders f
  on f.store = o.store
 and f.order_id = (o.payload ->> 'legacyResourceId')::bigint
 and f.updated_at = (o.payload ->> 'updatedAt')::timestamptz;

create temporary table refund_stage on commit drop as
select o.store,
       warehouse.gid_id(r ->> 'id')                                        as refund_id,
       o.order_id,
       r ->> 'id'                                                          as gid,
       (r ->> 'createdAt')::timestamptz                                    as created_at,
       coalesce((r ->> 'processedAt')::timestamptz, (r ->> 'createdAt')::timestamptz) as processed_at,
       (r ->> 'updatedAt')::timestamptz                                    as updated_at,
       (coalesce((r ->> 'processedAt')::timestamptz, (r ->> 'createdAt')::timestamptz)
           at time zone st.time_zone)::date                                as refund_date,
       r ->> 'note'                                                        as note,
       coalesce(warehouse.money(r -> 'totalRefundedSet'), 0)               as total_refunded,
       (r #>> '{totalRefundedSet,presentmentMoney,amount}')::numeric(18, 4) as presentment_total_refunded,
       o.currency,
       o.presentment_currency,
       o.updated_at                                                        as order_updated_at
from refund_order_stage o
join ops.store_settings st on st.store = o.store
cross join lateral jsonb_array_elements(case jsonb_typeof(o.refunds) when 'array' then o.refunds else '[]' end) r;

create temporary table refund_merged (n bigint) on commit drop;
with merged as (
insert into warehouse.fact_refunds as t
    (store, refund_id, order_id, gid, created_at, processed_at, updated_at, refund_date, note, total_refunded,
     presentment_total_refunded, currency, presentment_currency, order_updated_at, loaded_run_id)
select store, refund_id, order_id, gid, created_at, processed_at, updated_at, refund_date, note, total_refunded,
       presentment_total_refunded, currency, presentment_currency, order_updated_at, current_setting('etl.run_id')
from refund_stage
on conflict (store, refund_id) do update
    set order_id                   = excluded.order_id,
        gid                        = excluded.gid,
        created_at                 = excluded.created_at,
        processed_at               = excluded.processed_at,
        updated_at                 = excluded.updated_at,
        refund_date                = excluded.refund_date,
        note                       = excluded.note,
        total_refunded             = excluded.total_refunded,
        presentment_total_refunded = excluded.presentment_total_refunded,
        currency                   = excluded.currency,
        presentment_currency       = excluded.presentment_currency,
        order_updated_at           = excluded.order_updated_at,
        loaded_run_id              = excluded.loaded_run_id
    where excluded.order_updated_at >= t.order_updated_at
      and (t.order_id, t.processed_at, t.updated_at, t.refund_date, t.note, t.total_refunded,
           t.presentment_total_refunded, t.currency)
          is distinct from (excluded.order_id, excluded.processed_at, excluded.updated_at, excluded.refund_date,
                            excluded.note, excluded.total_refunded, excluded.presentment_total_refunded, excluded.currency)
returning 1)
insert into refund_merged select count(*) from merged;

with removed as (
delete from warehouse.fact_refunds t
using refund_order_stage o
where t.store = o.store and t.order_id = o.order_id
  and not exists (select 1 from refund_stage s where s.store = t.store and s.refund_id = t.refund_id)
returning 1)
insert into refund_merged select count(*) from removed;

select sum(n) as merged_rows from refund_merged;
