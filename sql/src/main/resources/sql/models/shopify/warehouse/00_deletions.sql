-- deletions: the run's destroy events (staging.deletions, one per deleted subject) are recorded in
-- warehouse.deleted_records and applied as soft deletes before anything else merges: deleted_at on the product (and
-- its variants: Shopify logs no event per variant of a deleted product), the variant and the order; a deleted
-- customer's store record gets deleted_at, so 01_dim_customers recomputes the merged customer without it. A subject
-- is destroyed once: the first record of it stands.
-- The id sweep (staging.ids: every GID the store still had when the sweep started) finds what Shopify deleted after
-- its destroy events expired: a product, variant, order or store customer record the warehouse holds live, last
-- updated before the sweep started, that the sweep no longer lists is recorded with found_by 'sweep' and deleted_at
-- the sweep's start (the true time is unknown). Only a complete sweep counts: its load SUCCEEDED with nothing
-- dead-lettered and every GID the extractor listed staged; a partial one would delete what still exists.
-- Idempotent. The job's rows are the warehouse rows it marked.

create temporary table deletion_stage on commit drop as
select distinct on (d.store, d.gid)
       d.store,
       d.gid,
       d.payload ->> 'subjectType'                                    as subject_type,
       (d.payload ->> 'createdAt')::timestamptz                       as deleted_at,
       d.payload ->> 'id'                                             as event_gid,
       substring(d.gid from '/(\d+)$')::bigint                        as subject_id,
       'event'::text                                                  as found_by
from staging.deletions d
where d.run_id = current_setting('etl.run_id')
  and d.payload ->> 'subjectType' in ('PRODUCT', 'PRODUCT_VARIANT', 'ORDER', 'CUSTOMER')
order by d.store, d.gid, (d.payload ->> 'createdAt')::timestamptz;

-- the stores whose sweep this run staged completely, and when each sweep started
create temporary table sweep_stores on commit drop as
select l.store, st.swept_at
from ops.etl_run_loads l
cross join lateral (select min(i.extracted_at) as swept_at, count(*) as staged
                    from staging.ids i where i.run_id = l.run_id and i.store = l.store) st
where l.run_id = current_setting('etl.run_id') and l.entity = 'ids' and l.status = 'SUCCEEDED'
  and l.dead_lettered_count = 0 and l.extracted is not null
  and st.staged > 0 and st.staged = (l.extracted ->> 'records')::bigint;

create temporary table swept on commit drop as
select i.store, i.gid, i.payload
from staging.ids i
join sweep_stores w on w.store = i.store
where i.run_id = current_setting('etl.run_id');
create index on swept (store, gid);

-- The sweep reads the dimensions and facts only when the run has a complete sweep: a run without one leaves them alone.
do $$
begin
    if not exists (select 1 from sweep_stores) then
        return;
    end if;
    insert into deletion_stage (store, gid, subject_type, deleted_at, event_gid, subject_id, found_by)
    select p.store, p.gid, 'PRODUCT', w.swept_at, null, p.product_id, 'sweep'
    from warehouse.dim_products p
    join sweep_stores w on w.store = p.store
    where p.deleted_at is null and p.updated_at < w.swept_at
      and not exists (select 1 from swept i where i.store = p.store and i.gid = p.gid)
    union all
    select v.store, v.gid, 'PRODUCT_VARIANT', w.swept_at, null, v.variant_id, 'sweep'
    from warehouse.dim_product_variants v
    join sweep_stores w on w.store = v.store
    join swept i on i.store = v.store and i.gid = 'gid://shopify/Product/' || v.product_id
    where v.deleted_at is null and v.updated_at < w.swept_at
      and not exists (select 1 from jsonb_array_elements(coalesce(i.payload #> '{variants,nodes}', '[]'::jsonb)) n
                      where n ->> 'id' = v.gid)
    union all
    select f.store, f.gid, 'ORDER', w.swept_at, null, f.order_id, 'sweep'
    from warehouse.fact_orders f
    join sweep_stores w on w.store = f.store
    where f.deleted_at is null and f.updated_at < w.swept_at
      and not exists (select 1 from swept i where i.store = f.store and i.gid = f.gid)
    union all
    select c.store, 'gid://shopify/Customer/' || c.customer_id, 'CUSTOMER', w.swept_at, null, c.customer_id, 'sweep'
    from warehouse.dim_customer_sources c
    join sweep_stores w on w.store = c.store
    where c.deleted_at is null and c.updated_at < w.swept_at
      and not exists (select 1 from swept i where i.store = c.store and i.gid = 'gid://shopify/Customer/' || c.customer_id);
end
$$;

-- an event of this run names the subject already: the event's record stands
delete from deletion_stage s
where s.found_by = 'sweep'
  and exists (select 1 from deletion_stage e where e.found_by = 'event' and e.store = s.store and e.gid = s.gid);

insert into warehouse.deleted_records (store, gid, subject_type, deleted_at, event_gid, found_by, loaded_run_id)
select store, gid, subject_type, deleted_at, event_gid, found_by, current_setting('etl.run_id')
from deletion_stage
on conflict (store, gid) do nothing;

-- The soft deletes lock the dimensions and facts only when the run has deletions: a run without any leaves them alone.
create temporary table deletion_marked (n bigint not null) on commit drop;
insert into deletion_marked values (0);
do $$
declare
    marked bigint := 0;
    n      bigint;
begin
    if not exists (select 1 from deletion_stage) then
        return;
    end if;
    update warehouse.dim_products p
    set deleted_at = r.deleted_at
    from deletion_stage r
    where r.subject_type = 'PRODUCT' and p.store = r.store and p.product_id = r.subject_id and p.deleted_at is null;
    get diagnostics n = row_count;
    marked := marked + n;

    update warehouse.dim_product_variants v
    set deleted_at = r.deleted_at
    from deletion_stage r
    where v.store = r.store and v.deleted_at is null
      and ((r.subject_type = 'PRODUCT_VARIANT' and v.variant_id = r.subject_id)
        or (r.subject_type = 'PRODUCT' and v.product_id = r.subject_id));
    get diagnostics n = row_count;
    marked := marked + n;

    update warehouse.fact_orders f
    set deleted_at = r.deleted_at
    from deletion_stage r
    where r.subject_type = 'ORDER' and f.store = r.store and f.order_id = r.subject_id and f.deleted_at is null;
    get diagnostics n = row_count;
    marked := marked + n;

    update warehouse.dim_customer_sources s
    set deleted_at = r.deleted_at
    from deletion_stage r
    where r.subject_type = 'CUSTOMER' and s.store = r.store and s.customer_id = r.subject_id and s.deleted_at is null;
    get diagnostics n = row_count;
    marked := marked + n;

    update deletion_marked set n = marked;
end
$$;

select n as merged_rows from deletion_marked;
