-- The bake schedule as the run left it, ascending by event datetime.
select store, request_key, event_datetime, event_local, customer_name, customer_email, flavor, theme, details,
       deposit_order_name, deposit_status, remaining_order_name, remaining_status, week_start, computed_run_id,
       computed_at
from mart.bake_schedule_week
order by event_datetime, store, request_key
