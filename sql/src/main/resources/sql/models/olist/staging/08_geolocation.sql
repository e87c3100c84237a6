-- Olist staging: geolocation, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- A snapshot: every row of the source's geolocation each run it is extracted; rows the source no longer has are removed.
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'geolocation'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.geolocation (source, geolocation_zip_code_prefix, geolocation_lat, geolocation_lng, geolocation_city, geolocation_state, loaded_run_id)
    select r.store,
           nullif(trim(r.payload ->> 'geolocation_zip_code_prefix'), ''),
           (nullif(trim(r.payload ->> 'geolocation_lat'), ''))::double precision,
           (nullif(trim(r.payload ->> 'geolocation_lng'), ''))::double precision,
           lower(nullif(trim(r.payload ->> 'geolocation_city'), '')),
           upper(nullif(trim(r.payload ->> 'geolocation_state'), '')),
           current_setting('etl.run_id')
    from run_rows r
    where nullif(trim(r.payload ->> 'geolocation_zip_code_prefix'), '') is not null and (nullif(trim(r.payload ->> 'geolocation_lat'), ''))::double precision is not null and (nullif(trim(r.payload ->> 'geolocation_lng'), ''))::double precision is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, geolocation_zip_code_prefix, geolocation_lat, geolocation_lng) do update set
        geolocation_city = excluded.geolocation_city,
        geolocation_state = excluded.geolocation_state,
        loaded_run_id = excluded.loaded_run_id
    returning 1
),
removed as (
    -- only for a source whose load of this stream SUCCEEDED in the run: an empty table then empties the staging too
    delete from olist_staging.geolocation s
    where s.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
      and exists (select 1 from ops.etl_run_loads l
                  where l.run_id = current_setting('etl.run_id') and l.store = s.source and l.entity = 'geolocation' and l.status = 'SUCCEEDED')
      and not exists (select 1 from (select r.store, nullif(trim(r.payload ->> 'geolocation_zip_code_prefix'), '') as geolocation_zip_code_prefix, (nullif(trim(r.payload ->> 'geolocation_lat'), ''))::double precision as geolocation_lat, (nullif(trim(r.payload ->> 'geolocation_lng'), ''))::double precision as geolocation_lng from run_rows r) k
                      where k.store = s.source and k.geolocation_zip_code_prefix = s.geolocation_zip_code_prefix and k.geolocation_lat = s.geolocation_lat and k.geolocation_lng = s.geolocation_lng)
    returning 1
)
select (select count(*) from upserted) + (select count(*) from removed) as rows
