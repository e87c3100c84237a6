update ops.extractor_run_items set watermark_state = ?
where run_id = ? and watermark_state = 'CANDIDATE'
