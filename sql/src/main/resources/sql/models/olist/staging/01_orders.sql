-- Olist staging: orders, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- Incremental: the run's orders rows upserted by key; an older version (by the source's cursor) never replaces a newer one.
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'orders'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.orders (source, order_id, customer_id, order_status, order_purchase_timestamp, order_approved_at, order_delivered_carrier_date, order_delivered_customer_date, order_estimated_delivery_date, source_updated_at, loaded_run_id)
    select r.store,
           nullif(trim(r.payload ->> 'order_id'), ''),
           nullif(trim(r.payload ->> 'customer_id'), ''),
           lower(nullif(trim(r.payload ->> 'order_status'), '')),
           (nullif(trim(r.payload ->> 'order_purchase_timestamp'), ''))::timestamp,
           (nullif(trim(r.payload ->> 'order_approved_at'), ''))::timestamp,
           (nullif(trim(r.payload ->> 'order_delivered_carrier_date'), ''))::timestamp,
           (nullif(trim(r.payload ->> 'order_delivered_customer_date'), ''))::timestamp,
           (nullif(trim(r.payload ->> 'order_estimated_delivery_date'), ''))::timestamp,
           r.source_updated_at,
           current_setting('etl.run_id')
    from run_rows r
    where nullif(trim(r.payload ->> 'order_id'), '') is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, order_id) do update set
        customer_id = excluded.customer_id,
        order_status = excluded.order_status,
        order_purchase_timestamp = excluded.order_purchase_timestamp,
        order_approved_at = excluded.order_approved_at,
        order_delivered_carrier_date = excluded.order_delivered_carrier_date,
        order_delivered_customer_date = excluded.order_delivered_customer_date,
        order_estimated_delivery_date = excluded.order_estimated_delivery_date,
        source_updated_at = excluded.source_updated_at,
        loaded_run_id = excluded.loaded_run_id
    where olist_staging.orders.source_updated_at is null
       or excluded.source_updated_at >= olist_staging.orders.source_updated_at
    returning 1
)
select count(*) as rows from upserted
