-- Olist staging: product_category_name_translation, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- A snapshot: every row of the source's product_category_name_translation each run it is extracted; rows the source no longer has are removed.
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'product_category_name_translation'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.product_category_name_translation (source, product_category_name, product_category_name_english, loaded_run_id)
    select r.store,
           lower(nullif(trim(r.payload ->> 'product_category_name'), '')),
           lower(nullif(trim(r.payload ->> 'product_category_name_english'), '')),
           current_setting('etl.run_id')
    from run_rows r
    where lower(nullif(trim(r.payload ->> 'product_category_name'), '')) is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, product_category_name) do update set
        product_category_name_english = excluded.product_category_name_english,
        loaded_run_id = excluded.loaded_run_id
    returning 1
),
removed as (
    -- only for a source whose load of this stream SUCCEEDED in the run: an empty table then empties the staging too
    delete from olist_staging.product_category_name_translation s
    where s.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
      and exists (select 1 from ops.etl_run_loads l
                  where l.run_id = current_setting('etl.run_id') and l.store = s.source and l.entity = 'product_category_name_translation' and l.status = 'SUCCEEDED')
      and not exists (select 1 from (select r.store, lower(nullif(trim(r.payload ->> 'product_category_name'), '')) as product_category_name from run_rows r) k
                      where k.store = s.source and k.product_category_name = s.product_category_name)
    returning 1
)
select (select count(*) from upserted) + (select count(*) from removed) as rows
