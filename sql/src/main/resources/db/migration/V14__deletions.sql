-- Deletions (issue 15): the store's destroy events of products, variants, orders and customers travel as the entity
-- "deletions" (shopify.deletions.raw, keyed by the deleted subject's GID) into staging.deletions; the first merge job
-- records them in warehouse.deleted_records and soft-deletes what they name.

-- Every ops table that names an entity accepts the new one.
do $$
declare
    t text;
begin
    foreach t in array array['ops.watermarks', 'ops.loader_counts', 'ops.loader_loads', 'ops.etl_run_loads',
                             'ops.extractor_run_items', 'ops.loader_dead_letters'] loop
        execute format('alter table %s drop constraint %I', t, split_part(t, '.', 2) || '_entity_check');
        execute format('alter table %s add constraint %I check (entity in '
                           || '(''orders'', ''customers'', ''products'', ''inventory'', ''deletions''))',
                       t, split_part(t, '.', 2) || '_entity_check');
    end loop;
end
$$;

-- staging: one row per (run, store, deleted subject GID); the payload is the destroy event (DeletionEventNode).
create table staging.deletions (like staging.orders including all);
create index staging_deletions_store_run on staging.deletions (store, run_id);

-- Everything the store deleted, as the warehouse learnt it: from a destroy event, or (found_by 'sweep') from an id
-- sweep that no longer found it. A merge that (re)inserts a row of a deleted subject takes its deleted_at from here,
-- so a replay of an older window never brings a deleted row back to life.
create table warehouse.deleted_records (
    store          text        not null,
    gid            text        not null,
    subject_type   text        not null check (subject_type in ('PRODUCT', 'PRODUCT_VARIANT', 'ORDER', 'CUSTOMER')),
    deleted_at     timestamptz not null,
    event_gid      text,
    found_by       text        not null default 'event' check (found_by in ('event', 'sweep')),
    loaded_run_id  text        not null,
    recorded_at    timestamptz not null default now(),
    primary key (store, gid)
);

-- Soft deletes: the row stays (facts keep their history), marts and current inventory leave it out.
alter table warehouse.dim_product_variants add column deleted_at timestamptz;
alter table warehouse.fact_orders add column deleted_at timestamptz;
-- A deleted store customer record leaves its merged customer, which is recomputed from the live records.
alter table warehouse.dim_customer_sources add column deleted_at timestamptz;

-- The bakery marts leave deleted orders out.
create or replace view mart.bakery_orders as
select f.store,
       f.order_id,
       f.order_name,
       f.financial_status,
       f.customer_key,
       f.email,
       nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '')   as customer_name,
       lower(trim(m.order_type))                                                        as order_type,
       m.event_datetime,
       m.flavor,
       m.theme,
       m.details,
       coalesce('request:' || nullif(trim(m.request_id), ''),
                'customer:' || coalesce(f.customer_key, 'email:' || nullif(lower(trim(f.email)), ''))
                    || '@' || to_char(m.event_datetime at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                'order:' || f.order_id)                                                 as request_key
from warehouse.fact_orders f
join (select store,
             order_id,
             max(value) filter (where key = 'order_type')                               as order_type,
             warehouse.safe_timestamptz(max(value) filter (where key = 'event_datetime')) as event_datetime,
             max(value) filter (where key = 'flavor')                                   as flavor,
             max(value) filter (where key = 'theme')                                    as theme,
             max(value) filter (where key = 'details')                                  as details,
             max(value) filter (where key = 'request_id')                               as request_id
      from warehouse.order_metafields
      where namespace = 'custom'
        and key in ('order_type', 'event_datetime', 'flavor', 'theme', 'details', 'request_id')
      group by store, order_id) m on m.store = f.store and m.order_id = f.order_id
left join warehouse.dim_customers c on c.customer_key = f.customer_key
where m.event_datetime is not null
  and f.cancelled_at is null
  and f.deleted_at is null
  and not f.test;
