-- inventory_snapshot: one set of rows per store and snapshot date: the store's business date in the run (setting
-- etl.business_dates, a JSON object store -> date, as ops.etl_runs.business_dates has it). Re-running a date replaces
-- that date's rows of the stores whose inventory this run staged; other dates and stores are never touched. Items of
-- variants deleted by that date are left out.

create temporary table level_stage on commit drop as
select i.store,
       (current_setting('etl.business_dates')::jsonb ->> i.store)::date   as snapshot_date,
       (i.payload ->> 'legacyResourceId')::bigint                       as inventory_item_id,
       (lvl #>> '{location,legacyResourceId}')::bigint                  as location_id,
       nullif(trim(i.payload ->> 'sku'), '')                            as sku,
       coalesce(q.available, 0)                                         as available,
       q.on_hand
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.inventory s where s.run_id = current_setting('etl.run_id') offset 0) i
cross join lateral jsonb_array_elements(coalesce(i.payload #> '{inventoryLevels,nodes}', '[]')) lvl
cross join lateral (
    select max(case when qn ->> 'name' = 'available' then (qn ->> 'quantity')::bigint end) as available,
           max(case when qn ->> 'name' = 'on_hand' then (qn ->> 'quantity')::bigint end)   as on_hand
    from jsonb_array_elements(coalesce(lvl -> 'quantities', '[]')) qn) q;

do $$
begin
    if exists (select 1 from level_stage where snapshot_date is null) then
        raise exception 'inventory snapshot: no business date for store(s) %',
            (select string_agg(distinct store, ', ') from level_stage where snapshot_date is null);
    end if;
end $$;

-- An item whose variant the store had deleted by the snapshot day (in the store's zone) is not in that day's stock:
-- a replay of a day whose runs staged it before the deletion leaves it out, as the day's last run did.
delete from level_stage l
where exists (select 1 from warehouse.dim_product_variants v
              join ops.store_settings st on st.store = v.store
              where v.store = l.store and v.inventory_item_id = l.inventory_item_id and v.deleted_at is not null
                and (v.deleted_at at time zone st.time_zone)::date <= l.snapshot_date);

delete from warehouse.inventory_snapshot s
using (select distinct i.store, (current_setting('etl.business_dates')::jsonb ->> i.store)::date as snapshot_date
       from staging.inventory i where i.run_id = current_setting('etl.run_id')) d
where s.store = d.store and s.snapshot_date = d.snapshot_date;

insert into warehouse.inventory_snapshot
    (snapshot_date, store, inventory_item_id, location_id, sku, variant_id, available, on_hand, loaded_run_id)
select l.snapshot_date, l.store, l.inventory_item_id, l.location_id, l.sku,
       (select min(v.variant_id) from warehouse.dim_product_variants v
        where v.store = l.store and v.inventory_item_id = l.inventory_item_id),
       l.available, l.on_hand, current_setting('etl.run_id')
from level_stage l;

select count(*) as merged_rows from level_stage;
