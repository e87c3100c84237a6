-- The transaction-local settings the transformer gives every merge file (MergeScriptRunner), from psql variables.
select set_config('etl.run_id', :'run_id', true), set_config('etl.business_dates', :'business_dates', true),
       set_config('etl.as_of', :'as_of', true), set_config('etl.week_start_isodow', :'week_start_isodow', true),
       set_config('etl.dq_freshness_hours', :'dq_freshness_hours', true),
       set_config('etl.dq_max_drop_ratio', :'dq_max_drop_ratio', true),
       set_config('lock_timeout', :'lock_timeout', true);
