insert into ops.extractor_runs (run_id, trigger, business_date, status, replay_from, replay_to)
values (?, ?, ?, 'RUNNING', ?, ?)
