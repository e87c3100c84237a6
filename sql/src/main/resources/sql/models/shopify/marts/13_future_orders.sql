-- mart.future_orders: every bakery order whose event datetime is after etl.as_of, paid or not, one row per order,
-- flagging requests whose deposit or remaining order is missing. Full refresh by the run.

delete from mart.future_orders;

insert into mart.future_orders
    (store, order_id, order_name, order_type, request_key, event_datetime, event_local, financial_status,
     customer_name, customer_email, flavor, theme, deposit_missing, remaining_missing, computed_run_id)
select b.store, b.order_id, b.order_name, b.order_type, b.request_key, b.event_datetime,
       b.event_datetime at time zone st.time_zone, b.financial_status, b.customer_name, b.email, b.flavor, b.theme,
       not b.has_deposit, not b.has_remaining, current_setting('etl.run_id')
from (select o.*,
             coalesce(bool_or(o.order_type = 'deposit') over request, false)   as has_deposit,
             coalesce(bool_or(o.order_type = 'remaining') over request, false) as has_remaining
      from mart.bakery_orders o
      window request as (partition by o.store, o.request_key)) b
join ops.store_settings st on st.store = b.store
where b.event_datetime > current_setting('etl.as_of')::timestamptz;

select count(*) as merged_rows from mart.future_orders;
