update ops.loader_counts set archive_error = coalesce(archive_error, ?)
where run_id = ? and store = ? and entity = ?
