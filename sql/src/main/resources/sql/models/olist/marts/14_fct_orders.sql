-- Olist mart: one row per order: its customer (the person, customer_unique_id, and their state), status and dates,
-- its items (count, total price, freight), what was paid, the delivery days (delivered - purchased, in days) and
-- whether it came later than estimated (by date), and its mean review score. Timestamps are the source's local times,
-- so purchase_date is the shop's business day. Full refresh of the run's sources.
delete from olist.fct_orders where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with items as (
    select source, order_id, count(*) as items, sum(price) as items_total, sum(freight_value) as freight_total
    from olist_intermediate.order_items_enriched
    where source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    group by source, order_id
), reviews as (
    select source, order_id, round(avg(review_score), 2) as review_score
    from olist_staging.order_reviews
    where source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    group by source, order_id
), inserted as (
    insert into olist.fct_orders (source, order_id, customer_id, customer_unique_id, customer_state, order_status,
        purchased_at, purchase_date, approved_at, delivered_at, estimated_delivery_date, items, items_total,
        freight_total, paid_total, delivery_days, delivered_late, review_score, computed_run_id)
    select o.source, o.order_id, o.customer_id, c.customer_unique_id, c.customer_state, o.order_status,
           o.order_purchase_timestamp, o.order_purchase_timestamp::date, o.order_approved_at,
           o.order_delivered_customer_date, o.order_estimated_delivery_date::date,
           coalesce(i.items, 0), coalesce(i.items_total, 0), coalesce(i.freight_total, 0), coalesce(p.paid_total, 0),
           round((extract(epoch from o.order_delivered_customer_date - o.order_purchase_timestamp) / 86400)::numeric, 2),
           o.order_delivered_customer_date::date > o.order_estimated_delivery_date::date,
           r.review_score, current_setting('etl.run_id')
    from olist_staging.orders o
    left join olist_staging.customers c on c.source = o.source and c.customer_id = o.customer_id
    left join items i on i.source = o.source and i.order_id = o.order_id
    left join olist_intermediate.order_payments_summary p on p.source = o.source and p.order_id = o.order_id
    left join reviews r on r.source = o.source and r.order_id = o.order_id
    where o.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    returning 1
)
select count(*) as rows from inserted;
