-- Olist staging: customers, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- A snapshot: every row of the source's customers each run it is extracted; rows the source no longer has are removed.
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'customers'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.customers (source, customer_id, customer_unique_id, customer_zip_code_prefix, customer_city, customer_state, loaded_run_id)
    select r.store,
           nullif(trim(r.payload ->> 'customer_id'), ''),
           nullif(trim(r.payload ->> 'customer_unique_id'), ''),
           nullif(trim(r.payload ->> 'customer_zip_code_prefix'), ''),
           lower(nullif(trim(r.payload ->> 'customer_city'), '')),
           upper(nullif(trim(r.payload ->> 'customer_state'), '')),
           current_setting('etl.run_id')
    from run_rows r
    where nullif(trim(r.payload ->> 'customer_id'), '') is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, customer_id) do update set
        customer_unique_id = excluded.customer_unique_id,
        customer_zip_code_prefix = excluded.customer_zip_code_prefix,
        customer_city = excluded.customer_city,
        customer_state = excluded.customer_state,
        loaded_run_id = excluded.loaded_run_id
    returning 1
),
removed as (
    -- only for a source whose load of this stream SUCCEEDED in the run: an empty table then empties the staging too
    delete from olist_staging.customers s
    where s.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
      and exists (select 1 from ops.etl_run_loads l
                  where l.run_id = current_setting('etl.run_id') and l.store = s.source and l.entity = 'customers' and l.status = 'SUCCEEDED')
      and not exists (select 1 from (select r.store, nullif(trim(r.payload ->> 'customer_id'), '') as customer_id from run_rows r) k
                      where k.store = s.source and k.customer_id = s.customer_id)
    returning 1
)
select (select count(*) from upserted) + (select count(*) from removed) as rows
