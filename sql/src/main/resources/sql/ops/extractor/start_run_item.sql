update ops.extractor_run_items set status = 'RUNNING', started_at = now()
where run_id = ? and store = ? and entity = ?
