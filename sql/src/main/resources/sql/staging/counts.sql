select staged, dead_lettered, archive_dates, archive_error from ops.loader_counts
where run_id = ? and store = ? and entity = ?
