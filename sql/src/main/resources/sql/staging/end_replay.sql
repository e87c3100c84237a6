update ops.loader_replays set status = ?, records_read = ?, error = ?, ended_at = now() where run_id = ?
