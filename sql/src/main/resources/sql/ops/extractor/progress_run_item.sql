update ops.extractor_run_items set records = ?, cost_spent = ?, bulk_operation_id = coalesce(?, bulk_operation_id)
where run_id = ? and store = ? and entity = ?
