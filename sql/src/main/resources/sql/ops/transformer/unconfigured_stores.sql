-- Stores with staging rows in the run but no settings (pipeline.stores.<code>.*). Param: run id (7 times).
select string_agg(distinct s.store, ', ' order by s.store)
from (select store from staging.customers where run_id = ?
      union select store from staging.products where run_id = ?
      union select store from staging.orders where run_id = ?
      union select store from staging.inventory where run_id = ?
      union select store from staging.deletions where run_id = ?
      union select store from staging.ids where run_id = ?
      union select store from staging.refunds where run_id = ?) s
where not exists (select 1 from ops.store_settings st where st.store = s.store)
