-- Olist staging: leads_closed, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- A snapshot: every row of the source's leads_closed each run it is extracted; rows the source no longer has are removed.
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'leads_closed'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.leads_closed (source, mql_id, seller_id, sdr_id, sr_id, won_date, business_segment, lead_type, lead_behaviour_profile, has_company, has_gtin, average_stock, business_type, declared_product_catalog_size, declared_monthly_revenue, loaded_run_id)
    select r.store,
           nullif(trim(r.payload ->> 'mql_id'), ''),
           nullif(trim(r.payload ->> 'seller_id'), ''),
           nullif(trim(r.payload ->> 'sdr_id'), ''),
           nullif(trim(r.payload ->> 'sr_id'), ''),
           (nullif(trim(r.payload ->> 'won_date'), ''))::timestamp,
           lower(nullif(trim(r.payload ->> 'business_segment'), '')),
           lower(nullif(trim(r.payload ->> 'lead_type'), '')),
           lower(nullif(trim(r.payload ->> 'lead_behaviour_profile'), '')),
           (nullif(trim(r.payload ->> 'has_company'), ''))::boolean,
           (nullif(trim(r.payload ->> 'has_gtin'), ''))::boolean,
           nullif(trim(r.payload ->> 'average_stock'), ''),
           lower(nullif(trim(r.payload ->> 'business_type'), '')),
           (nullif(trim(r.payload ->> 'declared_product_catalog_size'), ''))::numeric(12, 1),
           (nullif(trim(r.payload ->> 'declared_monthly_revenue'), ''))::numeric(16, 2),
           current_setting('etl.run_id')
    from run_rows r
    where nullif(trim(r.payload ->> 'mql_id'), '') is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, mql_id) do update set
        seller_id = excluded.seller_id,
        sdr_id = excluded.sdr_id,
        sr_id = excluded.sr_id,
        won_date = excluded.won_date,
        business_segment = excluded.business_segment,
        lead_type = excluded.lead_type,
        lead_behaviour_profile = excluded.lead_behaviour_profile,
        has_company = excluded.has_company,
        has_gtin = excluded.has_gtin,
        average_stock = excluded.average_stock,
        business_type = excluded.business_type,
        declared_product_catalog_size = excluded.declared_product_catalog_size,
        declared_monthly_revenue = excluded.declared_monthly_revenue,
        loaded_run_id = excluded.loaded_run_id
    returning 1
),
removed as (
    -- only for a source whose load of this stream SUCCEEDED in the run: an empty table then empties the staging too
    delete from olist_staging.leads_closed s
    where s.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
      and exists (select 1 from ops.etl_run_loads l
                  where l.run_id = current_setting('etl.run_id') and l.store = s.source and l.entity = 'leads_closed' and l.status = 'SUCCEEDED')
      and not exists (select 1 from (select r.store, nullif(trim(r.payload ->> 'mql_id'), '') as mql_id from run_rows r) k
                      where k.store = s.source and k.mql_id = s.mql_id)
    returning 1
)
select (select count(*) from upserted) + (select count(*) from removed) as rows
