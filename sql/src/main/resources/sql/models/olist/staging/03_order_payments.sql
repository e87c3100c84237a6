-- Olist staging: order_payments, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- A child of orders: the run's order_payments rows upserted by key, and the order_payments of the run's orders that the source no
-- longer has removed (a child is extracted whole for every order of the window).
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'order_payments'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.order_payments (source, order_id, payment_sequential, payment_type, payment_installments, payment_value, loaded_run_id)
    select r.store,
           nullif(trim(r.payload ->> 'order_id'), ''),
           (nullif(trim(r.payload ->> 'payment_sequential'), ''))::integer,
           lower(nullif(trim(r.payload ->> 'payment_type'), '')),
           (nullif(trim(r.payload ->> 'payment_installments'), ''))::integer,
           (nullif(trim(r.payload ->> 'payment_value'), ''))::numeric(12, 2),
           current_setting('etl.run_id')
    from run_rows r
    where nullif(trim(r.payload ->> 'order_id'), '') is not null and (nullif(trim(r.payload ->> 'payment_sequential'), ''))::integer is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, order_id, payment_sequential) do update set
        payment_type = excluded.payment_type,
        payment_installments = excluded.payment_installments,
        payment_value = excluded.payment_value,
        loaded_run_id = excluded.loaded_run_id
    returning 1
),
removed as (
    -- only when the run's load of this stream SUCCEEDED: it then holds the payments of every order of the run
    delete from olist_staging.order_payments s
    where exists (select 1 from staging.source_records o
                  where o.run_id = current_setting('etl.run_id') and o.entity = 'orders' and o.store = s.source
                    and o.payload ->> 'order_id' = s.order_id)
      and exists (select 1 from ops.etl_run_loads l
                  where l.run_id = current_setting('etl.run_id') and l.store = s.source and l.entity = 'order_payments' and l.status = 'SUCCEEDED')
      and not exists (select 1 from (select r.store, nullif(trim(r.payload ->> 'order_id'), '') as order_id, (nullif(trim(r.payload ->> 'payment_sequential'), ''))::integer as payment_sequential from run_rows r) k
                      where k.store = s.source and k.order_id = s.order_id and k.payment_sequential = s.payment_sequential)
    returning 1
)
select (select count(*) from upserted) + (select count(*) from removed) as rows
