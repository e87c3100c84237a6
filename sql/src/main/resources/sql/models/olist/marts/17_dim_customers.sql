-- Olist mart: one row per person (customer_unique_id; Olist gives every order a customer_id of its own): where they
-- live by their latest order, how many orders, the first and last purchase, and what they paid. Full refresh.
delete from olist.dim_customers where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist.dim_customers (source, customer_unique_id, customer_zip_code_prefix, customer_city,
        customer_state, orders, first_purchase_at, last_purchase_at, paid_total, computed_run_id)
    select c.source, c.customer_unique_id,
           (array_agg(c.customer_zip_code_prefix order by o.order_purchase_timestamp desc nulls last, c.customer_id))[1],
           (array_agg(c.customer_city order by o.order_purchase_timestamp desc nulls last, c.customer_id))[1],
           (array_agg(c.customer_state order by o.order_purchase_timestamp desc nulls last, c.customer_id))[1],
           count(o.order_id), min(o.order_purchase_timestamp), max(o.order_purchase_timestamp),
           coalesce(sum(p.paid_total), 0), current_setting('etl.run_id')
    from olist_staging.customers c
    left join olist_staging.orders o on o.source = c.source and o.customer_id = c.customer_id
    left join olist_intermediate.order_payments_summary p on p.source = o.source and p.order_id = o.order_id
    where c.source = any (string_to_array(current_setting('etl.dataset_sources'), ',')) and c.customer_unique_id is not null
    group by c.source, c.customer_unique_id
    returning 1
)
select count(*) as rows from inserted;
