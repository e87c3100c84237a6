-- Olist staging: sellers, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- A snapshot: every row of the source's sellers each run it is extracted; rows the source no longer has are removed.
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'sellers'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.sellers (source, seller_id, seller_zip_code_prefix, seller_city, seller_state, loaded_run_id)
    select r.store,
           nullif(trim(r.payload ->> 'seller_id'), ''),
           nullif(trim(r.payload ->> 'seller_zip_code_prefix'), ''),
           lower(nullif(trim(r.payload ->> 'seller_city'), '')),
           upper(nullif(trim(r.payload ->> 'seller_state'), '')),
           current_setting('etl.run_id')
    from run_rows r
    where nullif(trim(r.payload ->> 'seller_id'), '') is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, seller_id) do update set
        seller_zip_code_prefix = excluded.seller_zip_code_prefix,
        seller_city = excluded.seller_city,
        seller_state = excluded.seller_state,
        loaded_run_id = excluded.loaded_run_id
    returning 1
),
removed as (
    -- only for a source whose load of this stream SUCCEEDED in the run: an empty table then empties the staging too
    delete from olist_staging.sellers s
    where s.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
      and exists (select 1 from ops.etl_run_loads l
                  where l.run_id = current_setting('etl.run_id') and l.store = s.source and l.entity = 'sellers' and l.status = 'SUCCEEDED')
      and not exists (select 1 from (select r.store, nullif(trim(r.payload ->> 'seller_id'), '') as seller_id from run_rows r) k
                      where k.store = s.source and k.seller_id = s.seller_id)
    returning 1
)
select (select count(*) from upserted) + (select count(*) from removed) as rows
