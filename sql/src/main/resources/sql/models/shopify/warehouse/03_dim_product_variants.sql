-- dim_product_variants: upsert by (store, variant id), linked to dim_products through (store, product id).
-- Prices are the store's money: the currency is the store's configured shop currency (ops.store_settings).
-- A variant the store deleted, or one of a deleted product (warehouse.deleted_records), is inserted deleted.

create temporary table variant_stage on commit drop as
select p.store,
       (v ->> 'legacyResourceId')::bigint                          as variant_id,
       (p.payload ->> 'legacyResourceId')::bigint                  as product_id,
       v ->> 'id'                                                  as gid,
       nullif(trim(v ->> 'sku'), '')                               as sku,
       v ->> 'title'                                               as title,
       (v ->> 'price')::numeric(18, 4)                             as price,
       (v ->> 'compareAtPrice')::numeric(18, 4)                    as compare_at_price,
       st.currency                                                 as currency,
       (v #>> '{inventoryItem,legacyResourceId}')::bigint          as inventory_item_id,
       p.payload ->> 'id'                                          as product_gid,
       coalesce((v ->> 'updatedAt')::timestamptz, (p.payload ->> 'updatedAt')::timestamptz) as updated_at
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.products s where s.run_id = current_setting('etl.run_id') offset 0) p
cross join lateral jsonb_array_elements(coalesce(p.payload #> '{variants,nodes}', '[]')) v
left join ops.store_settings st on st.store = p.store;

-- The job's rows: the variants inserted or updated (an older version skipped is not counted).
with merged as (
insert into warehouse.dim_product_variants as d
    (store, variant_id, product_id, gid, sku, title, price, compare_at_price, currency, inventory_item_id,
     updated_at, deleted_at, loaded_run_id)
select s.store, s.variant_id, s.product_id, s.gid, s.sku, s.title, s.price, s.compare_at_price, s.currency,
       s.inventory_item_id, s.updated_at,
       (select min(r.deleted_at) from warehouse.deleted_records r
        where r.store = s.store and r.gid in (s.gid, s.product_gid)),
       current_setting('etl.run_id')
from variant_stage s
on conflict (store, variant_id) do update
    set product_id        = excluded.product_id,
        gid               = excluded.gid,
        sku               = excluded.sku,
        title             = excluded.title,
        price             = excluded.price,
        compare_at_price  = excluded.compare_at_price,
        currency          = excluded.currency,
        inventory_item_id = excluded.inventory_item_id,
        updated_at        = excluded.updated_at,
        loaded_run_id     = excluded.loaded_run_id
    where excluded.updated_at >= d.updated_at
returning 1)
select count(*) as merged_rows from merged;
