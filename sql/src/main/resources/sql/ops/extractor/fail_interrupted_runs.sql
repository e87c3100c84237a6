update ops.extractor_runs set status = 'FAILED', ended_at = now(), error = ?
where status = 'RUNNING'
