-- a run ends when none of its items is still pending or running; FAILED when any item failed
update ops.extractor_runs r
set status = case when exists (select 1 from ops.extractor_run_items i where i.run_id = r.run_id and i.status = 'FAILED')
                  then 'FAILED' else 'SUCCEEDED' end,
    ended_at = now()
where r.run_id = ? and r.status = 'RUNNING'
  and not exists (select 1 from ops.extractor_run_items i
                  where i.run_id = r.run_id and i.status in ('PENDING', 'RUNNING'))
