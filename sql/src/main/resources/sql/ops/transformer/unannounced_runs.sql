-- Runs the transformer has loads of but no etl.run.started, the first load older than the barrier timeout.
-- Param: timeout in seconds.
select l.run_id
from ops.etl_run_loads l
where not exists (select 1 from ops.etl_runs r where r.run_id = l.run_id)
group by l.run_id
having min(l.received_at) < now() - make_interval(secs => ?)
order by min(l.received_at)
