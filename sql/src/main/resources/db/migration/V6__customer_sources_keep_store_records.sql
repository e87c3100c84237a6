-- Each store's own customer record is kept in dim_customer_sources, so that a merged customer can always be
-- recomputed from the records that point to it: when the winning record leaves (its e-mail changed), the customer
-- it left shows the newest remaining store record instead of the departed one's.
alter table warehouse.dim_customer_sources
    add column email            text,
    add column first_name       text,
    add column last_name        text,
    add column phone            text,
    add column state            text,
    add column tags             text[] not null default '{}',
    add column number_of_orders bigint,
    add column amount_spent     numeric(18, 4),
    add column amount_currency  char(3),
    add column created_at       timestamptz;

-- Existing rows: the winners take their record from dim_customers; the others get theirs when their store next
-- sends them.
update warehouse.dim_customer_sources s
set email            = d.email,
    first_name       = d.first_name,
    last_name        = d.last_name,
    phone            = d.phone,
    state            = d.state,
    tags             = d.tags,
    number_of_orders = d.number_of_orders,
    amount_spent     = d.amount_spent,
    amount_currency  = d.amount_currency,
    created_at       = d.created_at
from warehouse.dim_customers d
where d.source_store = s.store
  and d.source_customer_id = s.customer_id;
