-- dim_customers: customers of all stores merged by normalized e-mail (lower/trim), else by store + id.
-- The record with the latest updatedAt wins; `stores` keeps every store the customer appears in. Each store's record
-- is kept in dim_customer_sources, and every merged customer the run touches is recomputed from those that are not
-- deleted (a record the store deleted, marked by 00_deletions, leaves its merged customer; one with no live record
-- left is removed). Reads only the staging rows of the run (current_setting('etl.run_id')). Idempotent.

create temporary table customer_stage on commit drop as
select c.store,
       (c.payload ->> 'legacyResourceId')::bigint                                         as customer_id,
       nullif(lower(trim(c.payload #>> '{defaultEmailAddress,emailAddress}')), '')        as email_normalized,
       nullif(trim(c.payload #>> '{defaultEmailAddress,emailAddress}'), '')               as email,
       c.payload ->> 'firstName'                                                          as first_name,
       c.payload ->> 'lastName'                                                           as last_name,
       c.payload ->> 'phone'                                                              as phone,
       c.payload ->> 'state'                                                              as state,
       coalesce(array(select jsonb_array_elements_text(c.payload -> 'tags')), '{}')      as tags,
       (c.payload ->> 'numberOfOrders')::bigint                                           as number_of_orders,
       (c.payload #>> '{amountSpent,amount}')::numeric(18, 4)                             as amount_spent,
       c.payload #>> '{amountSpent,currencyCode}'                                         as amount_currency,
       (c.payload ->> 'createdAt')::timestamptz                                           as created_at,
       (c.payload ->> 'updatedAt')::timestamptz                                           as updated_at
from (select s.store, s.payload || '{}'::jsonb as payload  -- the run's rows, each payload decompressed once
      from staging.customers s where s.run_id = current_setting('etl.run_id') offset 0) c;

alter table customer_stage add column customer_key text;
update customer_stage
set customer_key = case when email_normalized is not null then 'email:' || email_normalized
                        else 'store:' || store || '/' || customer_id end;

-- The merged customers this run touches: those its records point to, those its records leave (e-mail changed), and
-- those of the records the run found deleted (a destroy event or the id sweep, 00_deletions).
create temporary table customer_touched on commit drop as
select customer_key from customer_stage
union
select s.customer_key
from warehouse.dim_customer_sources s
join customer_stage c on c.store = s.store and c.customer_id = s.customer_id
where s.customer_key <> c.customer_key and c.updated_at >= s.updated_at
union
select s.customer_key
from warehouse.dim_customer_sources s
join warehouse.deleted_records r on r.loaded_run_id = current_setting('etl.run_id') and r.store = s.store
                                and r.subject_type = 'CUSTOMER'
                                and s.customer_id = substring(r.gid from '/(\d+)$')::bigint;

-- Each store's own record, never replaced by an older one of the same (store, id); a record of a deleted customer
-- (warehouse.deleted_records) is inserted deleted. The job's rows are the records inserted or updated here (an older
-- version skipped is not counted).
create temporary table customer_merged (n bigint) on commit drop;
with merged as (
insert into warehouse.dim_customer_sources as s
    (store, customer_id, customer_key, email_normalized, email, first_name, last_name, phone, state, tags,
     number_of_orders, amount_spent, amount_currency, created_at, updated_at, deleted_at, loaded_run_id)
select c.store, c.customer_id, c.customer_key, c.email_normalized, c.email, c.first_name, c.last_name, c.phone,
       c.state, c.tags, c.number_of_orders, c.amount_spent, c.amount_currency, c.created_at, c.updated_at,
       (select r.deleted_at from warehouse.deleted_records r
        where r.store = c.store and r.gid = 'gid://shopify/Customer/' || c.customer_id),
       current_setting('etl.run_id')
from customer_stage c
on conflict (store, customer_id) do update
    set customer_key     = excluded.customer_key,
        email_normalized = excluded.email_normalized,
        email            = excluded.email,
        first_name       = excluded.first_name,
        last_name        = excluded.last_name,
        phone            = excluded.phone,
        state            = excluded.state,
        tags             = excluded.tags,
        number_of_orders = excluded.number_of_orders,
        amount_spent     = excluded.amount_spent,
        amount_currency  = excluded.amount_currency,
        created_at       = excluded.created_at,
        updated_at       = excluded.updated_at,
        loaded_run_id    = excluded.loaded_run_id
    where excluded.updated_at >= s.updated_at
returning 1)
insert into customer_merged select count(*) from merged;

-- Each touched merged customer shows the newest live store record pointing to it (ties: store, then id), and lists
-- every store it appears in. Derived from the sources alone, so the order runs arrive in cannot change the result.
insert into warehouse.dim_customers as d
    (customer_key, email_normalized, email, first_name, last_name, phone, state, tags, number_of_orders,
     amount_spent, amount_currency, source_store, source_customer_id, stores, created_at, updated_at, loaded_run_id)
select w.customer_key, w.email_normalized, w.email, w.first_name, w.last_name, w.phone, w.state, w.tags,
       w.number_of_orders, w.amount_spent, w.amount_currency, w.store, w.customer_id,
       array(select distinct s.store from warehouse.dim_customer_sources s
             where s.customer_key = w.customer_key and s.deleted_at is null order by 1),
       w.created_at, w.updated_at, current_setting('etl.run_id')
from (select distinct on (s.customer_key) s.*
      from warehouse.dim_customer_sources s
      where s.customer_key in (select customer_key from customer_touched) and s.deleted_at is null
      order by s.customer_key, s.updated_at desc, s.store, s.customer_id) w
on conflict (customer_key) do update
    set email              = excluded.email,
        first_name         = excluded.first_name,
        last_name          = excluded.last_name,
        phone              = excluded.phone,
        state              = excluded.state,
        tags               = excluded.tags,
        number_of_orders   = excluded.number_of_orders,
        amount_spent       = excluded.amount_spent,
        amount_currency    = excluded.amount_currency,
        source_store       = excluded.source_store,
        source_customer_id = excluded.source_customer_id,
        stores             = excluded.stores,
        created_at         = excluded.created_at,
        updated_at         = excluded.updated_at,
        loaded_run_id      = excluded.loaded_run_id,
        loaded_at          = now()
    where (d.source_store, d.source_customer_id, d.updated_at, d.stores, d.email, d.first_name, d.last_name, d.phone,
           d.state, d.tags, d.number_of_orders, d.amount_spent, d.amount_currency, d.created_at)
          is distinct from
          (excluded.source_store, excluded.source_customer_id, excluded.updated_at, excluded.stores, excluded.email,
           excluded.first_name, excluded.last_name, excluded.phone, excluded.state, excluded.tags,
           excluded.number_of_orders, excluded.amount_spent, excluded.amount_currency, excluded.created_at);

-- A merged customer no live store record points to any more is removed (its orders follow the new key in
-- fact_orders).
delete from warehouse.dim_customers d
where d.customer_key in (select customer_key from customer_touched)
  and not exists (select 1 from warehouse.dim_customer_sources s
                  where s.customer_key = d.customer_key and s.deleted_at is null);

select n as merged_rows from customer_merged;
