-- fact_current_inventory: full refresh, "retail first". One row per SKU, from the store with the lowest
-- configured inventory_priority that has the SKU (ops.store_settings); other stores only fill SKUs it lacks.
-- A store's level is the sum over its locations of the "available" / "on_hand" quantities.
-- Source: each store's newest stock. The inventory staged by this run counts for a store when the run's business
-- date of that store is not older than the store's newest snapshot date; a store that staged none in this run, or
-- staged an older day (a replay of that day: it rebuilds that day's snapshot only), keeps the levels of its newest
-- snapshot date (warehouse.inventory_snapshot). A run that staged no current inventory leaves the table as it is.
-- Items of deleted variants (and of variants of deleted products) are left out, also when the run staged no inventory.

create temporary table inventory_item_stage on commit drop as
select i.store,
       (i.payload ->> 'legacyResourceId')::bigint                                   as inventory_item_id,
       nullif(trim(i.payload ->> 'sku'), '')                                        as sku,
       lv.available,
       lv.on_hand,
       lv.location_count
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.inventory s where s.run_id = current_setting('etl.run_id') offset 0) i
cross join lateral (
    select coalesce(sum(q.available), 0) as available, sum(q.on_hand) as on_hand, count(*)::integer as location_count
    from jsonb_array_elements(coalesce(i.payload #> '{inventoryLevels,nodes}', '[]')) lvl
    cross join lateral (
        select max(case when qn ->> 'name' = 'available' then (qn ->> 'quantity')::bigint end) as available,
               max(case when qn ->> 'name' = 'on_hand' then (qn ->> 'quantity')::bigint end)   as on_hand
        from jsonb_array_elements(coalesce(lvl -> 'quantities', '[]')) qn) q) lv;

delete from inventory_item_stage i
where (current_setting('etl.business_dates')::jsonb ->> i.store)::date
      < (select max(p.snapshot_date) from warehouse.inventory_snapshot p where p.store = i.store);

insert into inventory_item_stage (store, inventory_item_id, sku, available, on_hand, location_count)
select s.store, s.inventory_item_id, max(s.sku), sum(s.available), sum(s.on_hand), count(*)::integer
from (select st.store,
             (select max(p.snapshot_date) from warehouse.inventory_snapshot p where p.store = st.store) as snapshot_date
      from ops.store_settings st
      where exists (select 1 from inventory_item_stage)
        and st.store not in (select store from inventory_item_stage)) latest
join warehouse.inventory_snapshot s on s.store = latest.store and s.snapshot_date = latest.snapshot_date
group by s.store, s.inventory_item_id;

delete from warehouse.fact_current_inventory
where exists (select 1 from inventory_item_stage);

insert into warehouse.fact_current_inventory
    (sku, store, variant_id, inventory_item_id, available, on_hand, location_count, refreshed_at, loaded_run_id)
select distinct on (s.sku)
       s.sku, s.store, v.variant_id, s.inventory_item_id, s.available, s.on_hand, s.location_count, now(),
       current_setting('etl.run_id')
from inventory_item_stage s
left join ops.store_settings st on st.store = s.store
left join lateral (select min(variant_id) as variant_id from warehouse.dim_product_variants v
                   where v.store = s.store and v.inventory_item_id = s.inventory_item_id) v on true
where s.sku is not null
  and not exists (select 1 from warehouse.dim_product_variants d
                  where d.store = s.store and d.inventory_item_id = s.inventory_item_id and d.deleted_at is not null)
order by s.sku, st.inventory_priority nulls last, s.store, s.inventory_item_id;

-- A variant deleted since its store's newest snapshot (00_deletions) leaves current stock without waiting for the next one.
delete from warehouse.fact_current_inventory c
where exists (select 1 from warehouse.dim_product_variants d
              where d.store = c.store and d.inventory_item_id = c.inventory_item_id and d.deleted_at is not null);

select count(*) as merged_rows from warehouse.fact_current_inventory
where loaded_run_id = current_setting('etl.run_id');
