-- the run still extracting from a store, if any
select run_id from ops.extractor_run_items
where store = ? and status in ('PENDING', 'RUNNING')
limit 1
