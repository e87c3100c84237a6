-- a SUCCEEDED item with a largest updatedAt holds a CANDIDATE watermark until the run's transform is done
update ops.extractor_run_items
set status = ?, records = ?, cost_spent = ?, candidate_watermark = ?, watermark_state = ?, error = ?, ended_at = now()
where run_id = ? and store = ? and entity = ?
