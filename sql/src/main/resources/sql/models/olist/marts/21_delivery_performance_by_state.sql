-- Olist mart: delivery performance per customer state: the delivered orders, their mean delivery days, how many came
-- later than estimated and that share. Full refresh.
delete from olist.delivery_performance_by_state where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist.delivery_performance_by_state (source, customer_state, delivered_orders, avg_delivery_days,
        late_orders, late_share, computed_run_id)
    select f.source, coalesce(f.customer_state, 'unknown'), count(*), round(avg(f.delivery_days), 2),
           count(*) filter (where f.delivered_late), round(count(*) filter (where f.delivered_late)::numeric / count(*), 4),
           current_setting('etl.run_id')
    from olist.fct_orders f
    where f.source = any (string_to_array(current_setting('etl.dataset_sources'), ',')) and f.order_status = 'delivered' and f.delivered_at is not null
    group by f.source, coalesce(f.customer_state, 'unknown')
    returning 1
)
select count(*) as rows from inserted;
