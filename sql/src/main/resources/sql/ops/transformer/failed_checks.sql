-- The checks of a run that did not pass, errors first. Param: run id.
select check_name, severity, status, observed, threshold, details
from ops.dq_results
where run_id = ? and status <> 'PASSED'
order by severity, check_name
