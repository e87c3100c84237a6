-- dim_products: upsert by (store, product id); an older updatedAt never overwrites a newer one. The job's rows are
-- the products inserted or updated (an older version skipped is not counted). A product the store deleted
-- (warehouse.deleted_records, 00_deletions) is inserted deleted: a replay of an older window never revives it.

with merged as (
insert into warehouse.dim_products as d
    (store, product_id, gid, title, handle, vendor, product_type, tags, status, created_at, updated_at, deleted_at,
     loaded_run_id)
select p.store,
       (p.payload ->> 'legacyResourceId')::bigint,
       p.payload ->> 'id',
       p.payload ->> 'title',
       p.payload ->> 'handle',
       p.payload ->> 'vendor',
       p.payload ->> 'productType',
       coalesce(array(select jsonb_array_elements_text(p.payload -> 'tags')), '{}'),
       p.payload ->> 'status',
       (p.payload ->> 'createdAt')::timestamptz,
       (p.payload ->> 'updatedAt')::timestamptz,
       (select r.deleted_at from warehouse.deleted_records r where r.store = p.store and r.gid = p.payload ->> 'id'),
       current_setting('etl.run_id')
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.products s where s.run_id = current_setting('etl.run_id') offset 0) p
on conflict (store, product_id) do update
    set gid           = excluded.gid,
        title         = excluded.title,
        handle        = excluded.handle,
        vendor        = excluded.vendor,
        product_type  = excluded.product_type,
        tags          = excluded.tags,
        status        = excluded.status,
        created_at    = excluded.created_at,
        updated_at    = excluded.updated_at,
        loaded_run_id = excluded.loaded_run_id
    where excluded.updated_at >= d.updated_at
returning 1)
select count(*) as merged_rows from merged;
