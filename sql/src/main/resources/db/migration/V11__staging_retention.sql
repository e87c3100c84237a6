-- A run's staging rows live until that run is merged, and a retention after that (issue 14, path 2): no run deletes
-- another run's rows any more. merged_at is when the loader heard the run's first SUCCEEDED etl.transform.completed.
alter table ops.loader_loads add column merged_at timestamptz;
create index loader_loads_retention on ops.loader_loads (merged_at, declared_at);
