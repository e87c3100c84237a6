-- Olist staging: products, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- A snapshot: every row of the source's products each run it is extracted; rows the source no longer has are removed.
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'products'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.products (source, product_id, product_category_name, product_name_length, product_description_length, product_photos_qty, product_weight_g, product_length_cm, product_height_cm, product_width_cm, loaded_run_id)
    select r.store,
           nullif(trim(r.payload ->> 'product_id'), ''),
           lower(nullif(trim(r.payload ->> 'product_category_name'), '')),
           (nullif(trim(r.payload ->> 'product_name_lenght'), ''))::numeric(8, 1),
           (nullif(trim(r.payload ->> 'product_description_lenght'), ''))::numeric(8, 1),
           (nullif(trim(r.payload ->> 'product_photos_qty'), ''))::integer,
           (nullif(trim(r.payload ->> 'product_weight_g'), ''))::numeric(12, 1),
           (nullif(trim(r.payload ->> 'product_length_cm'), ''))::numeric(8, 1),
           (nullif(trim(r.payload ->> 'product_height_cm'), ''))::numeric(8, 1),
           (nullif(trim(r.payload ->> 'product_width_cm'), ''))::numeric(8, 1),
           current_setting('etl.run_id')
    from run_rows r
    where nullif(trim(r.payload ->> 'product_id'), '') is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, product_id) do update set
        product_category_name = excluded.product_category_name,
        product_name_length = excluded.product_name_length,
        product_description_length = excluded.product_description_length,
        product_photos_qty = excluded.product_photos_qty,
        product_weight_g = excluded.product_weight_g,
        product_length_cm = excluded.product_length_cm,
        product_height_cm = excluded.product_height_cm,
        product_width_cm = excluded.product_width_cm,
        loaded_run_id = excluded.loaded_run_id
    returning 1
),
removed as (
    -- only for a source whose load of this stream SUCCEEDED in the run: an empty table then empties the staging too
    delete from olist_staging.products s
    where s.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
      and exists (select 1 from ops.etl_run_loads l
                  where l.run_id = current_setting('etl.run_id') and l.store = s.source and l.entity = 'products' and l.status = 'SUCCEEDED')
      and not exists (select 1 from (select r.store, nullif(trim(r.payload ->> 'product_id'), '') as product_id from run_rows r) k
                      where k.store = s.source and k.product_id = s.product_id)
    returning 1
)
select (select count(*) from upserted) + (select count(*) from removed) as rows
