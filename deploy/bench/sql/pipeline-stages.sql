-- One run's stages as the pipeline recorded them (psql -v run_id=...): tab-separated rows of
-- kind, stage, records, seconds. Times come from the services' own tables, not from polling.
with run as (
    select run_id, started_at from ops.extractor_runs where run_id = :'run_id'
), items as (
    select i.* from ops.extractor_run_items i join run using (run_id)
), loads as (
    select l.*, c.first_staged_at from ops.loader_loads l
    left join ops.loader_counts c using (run_id, store, entity)
    where l.run_id = :'run_id'
), jobs as (
    select * from ops.etl_run_log where run_id = :'run_id'
), notified as (
    select max(coalesce(sent_at, created_at)) as at from ops.notifications where run_id = :'run_id'
)
select 'item', 'extract ' || store || '/' || entity || ' (' || mode || ')', records,
       round(extract(epoch from ended_at - started_at)::numeric, 1)
from items
union all
select 'extract', 'extract (run start -> last extract done)', (select sum(records) from items),
       round(extract(epoch from (select max(ended_at) from items) - run.started_at)::numeric, 1)
from run
union all
select 'load_wall', 'load (first batch -> last load declared)', (select sum(staged_count) from loads),
       round(extract(epoch from (select max(declared_at) - min(first_staged_at) from loads))::numeric, 1)
union all
select 'barrier', 'barrier wait (last load declared -> first merge job)', null,
       round(extract(epoch from (select min(started_at) from jobs) - (select max(declared_at) from loads))::numeric, 1)
union all
select 'job', 'merge job ' || job, rows, round(extract(epoch from ended_at - started_at)::numeric, 2)
from jobs
union all
select 'merge', 'merge + checks (first job -> run ended)', (select sum(staged_count) from loads),
       round(extract(epoch from r.ended_at - (select min(started_at) from jobs))::numeric, 1)
from ops.etl_runs r where r.run_id = :'run_id'
union all
select 'tail', 'after extraction (last extract done -> run ended)', null,
       round(extract(epoch from r.ended_at - (select max(ended_at) from items))::numeric, 1)
from ops.etl_runs r where r.run_id = :'run_id'
union all
select 'e2e', 'end to end (run start -> notified)', (select sum(records) from items),
       round(extract(epoch from coalesce((select at from notified), r.ended_at) - run.started_at)::numeric, 1)
from run join ops.etl_runs r using (run_id);
