-- Staging retention for one entity: the rows of the runs merged longer ago than the retention, and of the runs
-- declared longer ago than the unmerged retention and never merged (a run that failed and was replayed under a new
-- run id). Rows of a run still waiting or merging are kept. Params: retention in seconds, unmerged retention in
-- seconds. Returns the runs it removed rows of, with the count.
with expired as (
    select l.run_id, l.store
    from ops.loader_loads l
    where l.entity = '${entity}'
      and (l.merged_at < now() - make_interval(secs => ?)
           or (l.merged_at is null and l.declared_at < now() - make_interval(secs => ?)))
), deleted as (
    delete from staging.${entity} s
    using expired e
    where s.run_id = e.run_id and s.store = e.store
    returning s.run_id
)
select run_id, count(*) from deleted group by run_id order by run_id
