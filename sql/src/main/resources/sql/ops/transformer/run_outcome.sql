-- A run as GET /runs/{id} shows it: status, error, attempts, business dates. Param: run id.
select run_id, trigger, status, error, transform_attempts, business_dates::text, started_at, ended_at
from ops.etl_runs
where run_id = ?
