-- Olist mart: sales per business day (the purchase date in the shop's zone): the orders placed that day that were not
-- canceled or unavailable, their items, item and freight totals and what was paid. Full refresh.
delete from olist.daily_sales where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist.daily_sales (source, sales_date, orders, items, items_total, freight_total, paid_total,
        computed_run_id)
    select f.source, f.purchase_date, count(*), sum(f.items), sum(f.items_total), sum(f.freight_total),
           sum(f.paid_total), current_setting('etl.run_id')
    from olist.fct_orders f
    where f.source = any (string_to_array(current_setting('etl.dataset_sources'), ',')) and f.purchase_date is not null
      and f.order_status not in ('canceled', 'unavailable')
    group by f.source, f.purchase_date
    returning 1
)
select count(*) as rows from inserted;
