-- The future orders as the run left them, ascending by event datetime.
select store, order_id, order_name, order_type, request_key, event_datetime, event_local, financial_status,
       customer_name, customer_email, flavor, theme, deposit_missing, remaining_missing, computed_run_id, computed_at
from mart.future_orders
order by event_datetime, store, order_id
