-- dim_customers: customers of all stores merged by normalized e-mail (lower/trim), else by store + id.
-- The record with the latest updatedAt wins; `stores` keeps every store the customer appears in.
-- Reads only the staging rows of the run (current_setting('etl.run_id')). Idempotent.

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

-- Merged customers a store record leaves in this run (its e-mail changed): their stores are recomputed below,
-- and a merged customer no store record points to any more is removed (its orders follow the new key in fact_orders).
create temporary table customer_rekeyed on commit drop as
select distinct s.customer_key as old_key
from warehouse.dim_customer_sources s
join customer_stage c on c.store = s.store and c.customer_id = s.customer_id
where s.customer_key <> c.customer_key and c.updated_at >= s.updated_at;

-- Each store's own record, never replaced by an older one of the same (store, id).
insert into warehouse.dim_customer_sources as s
    (store, customer_id, customer_key, email_normalized, updated_at, loaded_run_id)
select store, customer_id, customer_key, email_normalized, updated_at, current_setting('etl.run_id')
from customer_stage
on conflict (store, customer_id) do update
    set customer_key     = excluded.customer_key,
        email_normalized = excluded.email_normalized,
        updated_at       = excluded.updated_at,
        loaded_run_id    = excluded.loaded_run_id
    where excluded.updated_at >= s.updated_at;

-- The newest record per merged customer among this run's, applied only if not older than the stored winner.
insert into warehouse.dim_customers as d
    (customer_key, email_normalized, email, first_name, last_name, phone, state, tags, number_of_orders,
     amount_spent, amount_currency, source_store, source_customer_id, stores, created_at, updated_at, loaded_run_id)
select w.customer_key, w.email_normalized, w.email, w.first_name, w.last_name, w.phone, w.state, w.tags,
       w.number_of_orders, w.amount_spent, w.amount_currency, w.store, w.customer_id,
       array(select distinct s.store from warehouse.dim_customer_sources s
             where s.customer_key = w.customer_key order by 1),
       w.created_at, w.updated_at, current_setting('etl.run_id')
from (select distinct on (customer_key) *
      from customer_stage
      order by customer_key, updated_at desc, store, customer_id) w
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
        created_at         = excluded.created_at,
        updated_at         = excluded.updated_at,
        loaded_run_id      = excluded.loaded_run_id,
        loaded_at          = now()
    where excluded.updated_at >= d.updated_at;

-- The stores list follows the sources, whichever record won (an older record arriving last still adds its store).
update warehouse.dim_customers d
set stores = array(select distinct s.store from warehouse.dim_customer_sources s
                   where s.customer_key = d.customer_key order by 1)
where d.customer_key in (select customer_key from customer_stage)
  and d.stores is distinct from array(select distinct s.store from warehouse.dim_customer_sources s
                                      where s.customer_key = d.customer_key order by 1);

update warehouse.dim_customers d
set stores = array(select distinct s.store from warehouse.dim_customer_sources s
                   where s.customer_key = d.customer_key order by 1)
where d.customer_key in (select old_key from customer_rekeyed)
  and exists (select 1 from warehouse.dim_customer_sources s where s.customer_key = d.customer_key);

delete from warehouse.dim_customers d
where d.customer_key in (select old_key from customer_rekeyed)
  and not exists (select 1 from warehouse.dim_customer_sources s where s.customer_key = d.customer_key);

select count(*) as merged_rows from customer_stage;
