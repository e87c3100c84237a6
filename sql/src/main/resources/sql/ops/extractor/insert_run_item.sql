insert into ops.extractor_run_items (run_id, store, entity, mode, status, watermark_from, watermark_to)
values (?, ?, ?, ?, 'PENDING', ?, ?)
