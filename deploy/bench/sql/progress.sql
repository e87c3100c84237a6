-- A run's progress (psql -v run_id=...): extracts done/planned and records per store, rows staged, transform status.
select coalesce((select string_agg(store || ' ' || done || '/' || planned || ' ' || records || ' rec' || failed, ', ' order by store)
                 from (select store, count(*) filter (where status = 'SUCCEEDED') as done, count(*) as planned,
                              sum(records) as records,
                              case when bool_or(status = 'FAILED') then ' FAILED' else '' end as failed
                       from ops.extractor_run_items where run_id = :'run_id' group by store) s), 'starting'),
       (select coalesce(sum(staged), 0) from ops.loader_counts where run_id = :'run_id'),
       (select count(*) from ops.loader_loads where run_id = :'run_id'),
       coalesce((select status from ops.etl_runs where run_id = :'run_id'), 'waiting'),
       coalesce((select status from ops.notifications where run_id = :'run_id' order by attempt desc limit 1), '-'),
       (select count(*) from ops.extractor_run_items where run_id = :'run_id' and watermark_state = 'CANDIDATE'),
       coalesce((select error from ops.etl_runs where run_id = :'run_id'), '');
