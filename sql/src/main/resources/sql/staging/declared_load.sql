select status, staged_count, dead_lettered_count, archive_uri, error, extracted::text from ops.loader_loads
where run_id = ? and store = ? and entity = ?
