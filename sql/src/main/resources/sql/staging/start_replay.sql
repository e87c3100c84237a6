insert into ops.loader_replays (run_id, business_date, source, stores, entities, status) values (?, ?, ?, ?, ?, 'RUNNING')
