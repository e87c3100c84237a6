select business_date, source, status, records_read, error, started_at, ended_at from ops.loader_replays where run_id = ?
