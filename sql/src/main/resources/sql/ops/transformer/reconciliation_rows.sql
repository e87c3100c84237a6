-- Every reconciliation row of a run, errors first. Param: run id.
select store, entity, metric, source, warehouse, difference, status, note
from ops.reconciliation
where run_id = ?
order by status = 'OK', status = 'WARN', store, entity, metric
