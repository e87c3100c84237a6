insert into ops.extractor_runs (run_id, trigger, business_dates, status, replay_from, replay_to)
values (?, ?, ?::jsonb, 'RUNNING', ?, ?)
