-- fact_order_transactions: upsert by (store, transaction id) from the order versions that are now current in
-- fact_orders. Kind, status, gateway, when it was processed, the amount in shop and presentment money, the parent
-- (a refund's or capture's sale or authorization) and the test flag. A transaction is rewritten only when it changed;
-- transactions no longer on a current order are deleted. The job's rows are the transactions inserted, updated or
-- deleted.

create temporary table transaction_order_stage on commit drop as
select f.store, f.order_id, f.currency, f.updated_at, o.payload -> 'transactions' as transactions
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.orders s where s.run_id = current_setting('etl.run_id') offset 0) o
join warehouse.fact_orders f
  on f.store = o.store
 and f.order_id = (o.payload ->> 'legacyResourceId')::bigint
 and f.updated_at = (o.payload ->> 'updatedAt')::timestamptz;

create temporary table transaction_stage on commit drop as
select o.store,
       warehouse.gid_id(t ->> 'id')                                   as transaction_id,
       o.order_id,
       t ->> 'id'                                                     as gid,
       t ->> 'kind'                                                   as kind,
       t ->> 'status'                                                 as status,
       t ->> 'gateway'                                                as gateway,
       (t ->> 'processedAt')::timestamptz                             as processed_at,
       coalesce(warehouse.money(t -> 'amountSet'), 0)                 as amount,
       coalesce(t #>> '{amountSet,shopMoney,currencyCode}', o.currency) as currency,
       (t #>> '{amountSet,presentmentMoney,amount}')::numeric(18, 4)  as presentment_amount,
       t #>> '{amountSet,presentmentMoney,currencyCode}'              as presentment_currency,
       warehouse.gid_id(t #>> '{parentTransaction,id}')               as parent_transaction_id,
       coalesce((t ->> 'test')::boolean, false)                       as test,
       o.updated_at                                                   as order_updated_at
from transaction_order_stage o
cross join lateral jsonb_array_elements(case jsonb_typeof(o.transactions) when 'array' then o.transactions else '[]' end) t;

create temporary table transaction_merged (n bigint) on commit drop;
with merged as (
insert into warehouse.fact_order_transactions as x
    (store, transaction_id, order_id, gid, kind, status, gateway, processed_at, amount, currency, presentment_amount,
     presentment_currency, parent_transaction_id, test, order_updated_at, loaded_run_id)
select store, transaction_id, order_id, gid, kind, status, gateway, processed_at, amount, currency, presentment_amount,
       presentment_currency, parent_transaction_id, test, order_updated_at, current_setting('etl.run_id')
from transaction_stage
on conflict (store, transaction_id) do update
    set order_id              = excluded.order_id,
        gid                   = excluded.gid,
        kind                  = excluded.kind,
        status                = excluded.status,
        gateway               = excluded.gateway,
        processed_at          = excluded.processed_at,
        amount                = excluded.amount,
        currency              = excluded.currency,
        presentment_amount    = excluded.presentment_amount,
        presentment_currency  = excluded.presentment_currency,
        parent_transaction_id = excluded.parent_transaction_id,
        test                  = excluded.test,
        order_updated_at      = excluded.order_updated_at,
        loaded_run_id         = excluded.loaded_run_id
    where excluded.order_updated_at >= x.order_updated_at
      and (x.order_id, x.kind, x.status, x.gateway, x.processed_at, x.amount, x.currency, x.presentment_amount,
           x.presentment_currency, x.parent_transaction_id, x.test)
          is distinct from (excluded.order_id, excluded.kind, excluded.status, excluded.gateway, excluded.processed_at,
                            excluded.amount, excluded.currency, excluded.presentment_amount,
                            excluded.presentment_currency, excluded.parent_transaction_id, excluded.test)
returning 1)
insert into transaction_merged select count(*) from merged;

with removed as (
delete from warehouse.fact_order_transactions x
using transaction_order_stage o
where x.store = o.store and x.order_id = o.order_id
  and not exists (select 1 from transaction_stage s where s.store = x.store and s.transaction_id = x.transaction_id)
returning 1)
insert into transaction_merged select count(*) from removed;

select sum(n) as merged_rows from transaction_merged;
