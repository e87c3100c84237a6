-- A run's reconciliation: the count of each status, and every row that is not OK (errors first). Param: run id.
select store, entity, metric, source, warehouse, difference, status, note,
       count(*) filter (where status = 'OK') over () as ok,
       count(*) filter (where status = 'WARN') over () as warned,
       count(*) filter (where status = 'ERROR') over () as failed
from ops.reconciliation
where run_id = ?
order by status = 'OK', status = 'WARN', store, entity, metric
