-- The orders the bakery marts are built from: one row per (not cancelled, not test) order that has the custom
-- metafields order_type / event_datetime / flavor / theme / request_id, with its request key. A request pairs one
-- deposit and one remaining order: by the request-id metafield, else by customer + event datetime (the customer
-- is the merged customer, else the order e-mail); an order with neither stands alone.
-- Read by mart/merge SQL only; nothing here is computed on request.
create view mart.bakery_orders as
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
  and not f.test;
