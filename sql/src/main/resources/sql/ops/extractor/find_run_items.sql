select store, entity, mode, status, records, cost_spent, watermark_from, watermark_to, candidate_watermark,
       watermark_state, bulk_operation_id, started_at, ended_at, error
from ops.extractor_run_items where run_id = ?
order by store, entity
