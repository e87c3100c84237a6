-- deletions: the run's destroy events (staging.deletions, one per deleted subject) are recorded in
-- warehouse.deleted_records and applied as soft deletes before anything else merges: deleted_at on the product (and
-- its variants: Shopify logs no event per variant of a deleted product), the variant and the order; a deleted
-- customer's store record gets deleted_at, so 01_dim_customers recomputes the merged customer without it. A subject
-- is destroyed once: the first record of it stands. Idempotent. The job's rows are the warehouse rows it marked.

create temporary table deletion_stage on commit drop as
select distinct on (d.store, d.gid)
       d.store,
       d.gid,
       d.payload ->> 'subjectType'                                    as subject_type,
       (d.payload ->> 'createdAt')::timestamptz                       as deleted_at,
       d.payload ->> 'id'                                             as event_gid,
       substring(d.gid from '/(\d+)$')::bigint                        as subject_id
from staging.deletions d
where d.run_id = current_setting('etl.run_id')
  and d.payload ->> 'subjectType' in ('PRODUCT', 'PRODUCT_VARIANT', 'ORDER', 'CUSTOMER')
order by d.store, d.gid, (d.payload ->> 'createdAt')::timestamptz;

insert into warehouse.deleted_records (store, gid, subject_type, deleted_at, event_gid, found_by, loaded_run_id)
select store, gid, subject_type, deleted_at, event_gid, 'event', current_setting('etl.run_id')
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
