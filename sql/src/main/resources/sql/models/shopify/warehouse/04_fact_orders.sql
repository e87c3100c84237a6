-- fact_orders: upsert by (store, order id). Status changes update the row; an older updatedAt (a re-delivered or
-- late record) never overwrites a newer one. Money as numeric with the shop currency (the totals as ordered, the
-- current ones after refunds and edits, the refunded shipping and the net payment); channel B2C/B2B from the
-- store's settings (a store without settings fails the job: channel is not null). The merged customer comes
-- through dim_customer_sources; orders without a customer keep customer_id and customer_key null. The newest
-- version of an order decides its customer: reassigned or removed, the old customer's key goes. The job's rows are
-- the order versions inserted or updated (an older version skipped is not counted). An order the store deleted
-- (warehouse.deleted_records, 00_deletions) is inserted deleted.

create temporary table order_merged (n bigint) on commit drop;
with merged as (
insert into warehouse.fact_orders as f
    (store, order_id, gid, order_name, channel, customer_id, customer_key, email, created_at, processed_at,
     updated_at, cancelled_at, cancel_reason, financial_status, fulfillment_status, currency, presentment_currency,
     subtotal, total_discounts, total_shipping, total_tax, total_price, total_refunded, presentment_total_price,
     current_subtotal, current_total_price, total_refunded_shipping, net_payment, tags, test, deleted_at,
     loaded_run_id)
select o.store,
       (o.payload ->> 'legacyResourceId')::bigint,
       o.payload ->> 'id',
       o.payload ->> 'name',
       st.channel,
       cust.customer_id,
       src.customer_key,
       nullif(trim(o.payload ->> 'email'), ''),
       (o.payload ->> 'createdAt')::timestamptz,
       (o.payload ->> 'processedAt')::timestamptz,
       (o.payload ->> 'updatedAt')::timestamptz,
       (o.payload ->> 'cancelledAt')::timestamptz,
       o.payload ->> 'cancelReason',
       o.payload ->> 'displayFinancialStatus',
       o.payload ->> 'displayFulfillmentStatus',
       o.payload ->> 'currencyCode',
       o.payload ->> 'presentmentCurrencyCode',
       warehouse.money(o.payload -> 'subtotalPriceSet'),
       warehouse.money(o.payload -> 'totalDiscountsSet'),
       warehouse.money(o.payload -> 'totalShippingPriceSet'),
       warehouse.money(o.payload -> 'totalTaxSet'),
       warehouse.money(o.payload -> 'totalPriceSet'),
       warehouse.money(o.payload -> 'totalRefundedSet'),
       (o.payload #>> '{totalPriceSet,presentmentMoney,amount}')::numeric(18, 4),
       warehouse.money(o.payload -> 'currentSubtotalPriceSet'),
       warehouse.money(o.payload -> 'currentTotalPriceSet'),
       warehouse.money(o.payload -> 'totalRefundedShippingSet'),
       warehouse.money(o.payload -> 'netPaymentSet'),
       coalesce(array(select jsonb_array_elements_text(o.payload -> 'tags')), '{}'),
       coalesce((o.payload ->> 'test')::boolean, false),
       (select r.deleted_at from warehouse.deleted_records r where r.store = o.store and r.gid = o.payload ->> 'id'),
       current_setting('etl.run_id')
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.orders s where s.run_id = current_setting('etl.run_id') offset 0) o
left join ops.store_settings st on st.store = o.store
cross join lateral (select (o.payload #>> '{customer,legacyResourceId}')::bigint as customer_id) cust
left join warehouse.dim_customer_sources src on src.store = o.store and src.customer_id = cust.customer_id
on conflict (store, order_id) do update
    set gid                     = excluded.gid,
        order_name              = excluded.order_name,
        channel                 = excluded.channel,
        customer_id             = excluded.customer_id,
        -- the newer version decides the customer, including none; the same customer keeps its key while its record
        -- is not in dim_customer_sources (a new one gets it when that record is merged: the update below)
        customer_key            = case when excluded.customer_id is distinct from f.customer_id
                                       then excluded.customer_key
                                       else coalesce(excluded.customer_key, f.customer_key) end,
        email                   = excluded.email,
        created_at              = excluded.created_at,
        processed_at            = excluded.processed_at,
        updated_at              = excluded.updated_at,
        cancelled_at            = excluded.cancelled_at,
        cancel_reason           = excluded.cancel_reason,
        financial_status        = excluded.financial_status,
        fulfillment_status      = excluded.fulfillment_status,
        currency                = excluded.currency,
        presentment_currency    = excluded.presentment_currency,
        subtotal                = excluded.subtotal,
        total_discounts         = excluded.total_discounts,
        total_shipping          = excluded.total_shipping,
        total_tax               = excluded.total_tax,
        total_price             = excluded.total_price,
        total_refunded          = excluded.total_refunded,
        presentment_total_price = excluded.presentment_total_price,
        current_subtotal        = excluded.current_subtotal,
        current_total_price     = excluded.current_total_price,
        total_refunded_shipping = excluded.total_refunded_shipping,
        net_payment             = excluded.net_payment,
        tags                    = excluded.tags,
        test                    = excluded.test,
        loaded_run_id           = excluded.loaded_run_id
    where excluded.updated_at >= f.updated_at
returning 1)
insert into order_merged select count(*) from merged;

-- Customers merged (or re-keyed by a new e-mail) in this run: their earlier orders follow them.
update warehouse.fact_orders f
set customer_key = s.customer_key
from warehouse.dim_customer_sources s
where s.loaded_run_id = current_setting('etl.run_id')
  and f.store = s.store and f.customer_id = s.customer_id
  and f.customer_key is distinct from s.customer_key;

select n as merged_rows from order_merged;
