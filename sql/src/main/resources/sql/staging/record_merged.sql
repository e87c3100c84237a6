-- A run was merged (its etl.transform.completed SUCCEEDED): the retention of its staging rows starts now (database
-- time: a retention is elapsed time, like declared_at). Param: run id. A later attempt of the run keeps the first time.
update ops.loader_loads set merged_at = now()
where run_id = ? and merged_at is null
