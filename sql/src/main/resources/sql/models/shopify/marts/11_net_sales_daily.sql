-- mart.net_sales_daily: per store and local day (the store's time zone), test and deleted orders left out: the orders created
-- that day and their total price (gross), the refunds processed that day and their total (whatever day their order
-- was created), and net = gross - refunded. Full refresh by the run.

delete from mart.net_sales_daily;

insert into mart.net_sales_daily
    (store, sales_date, currency, orders, gross_sales, refunds, refunded, net_sales, computed_run_id)
with gross as (
    select f.store, (f.created_at at time zone st.time_zone)::date as sales_date, max(f.currency) as currency,
           count(*) as orders, sum(f.total_price) as gross_sales
    from warehouse.fact_orders f
    join ops.store_settings st on st.store = f.store
    where not f.test and f.deleted_at is null
    group by 1, 2
),
refunded as (
    select r.store, r.refund_date as sales_date, max(r.currency) as currency, count(*) as refunds,
           sum(r.total_refunded) as refunded
    from warehouse.fact_refunds r
    join warehouse.fact_orders f on f.store = r.store and f.order_id = r.order_id
    where not f.test and f.deleted_at is null
    group by 1, 2
)
select coalesce(g.store, r.store),
       coalesce(g.sales_date, r.sales_date),
       coalesce(g.currency, r.currency),
       coalesce(g.orders, 0),
       coalesce(g.gross_sales, 0),
       coalesce(r.refunds, 0),
       coalesce(r.refunded, 0),
       coalesce(g.gross_sales, 0) - coalesce(r.refunded, 0),
       current_setting('etl.run_id')
from gross g
full join refunded r on r.store = g.store and r.sales_date = g.sales_date;

select count(*) as merged_rows from mart.net_sales_daily;
