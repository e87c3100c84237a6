-- at start-up: items left pending or running by a stopped instance will never finish
update ops.extractor_run_items set status = 'FAILED', ended_at = now(), error = ?
where status in ('PENDING', 'RUNNING')
returning run_id, store, entity, watermark_from, watermark_to, records
