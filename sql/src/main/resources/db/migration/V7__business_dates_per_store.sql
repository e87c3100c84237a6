-- A business day belongs to a store: a run records each of its stores' business date (store -> date, the date in
-- the store's own time zone when the run started, or the replayed day) instead of one date for all its stores.
-- Existing runs keep the one date they had, for each store of their plan.

alter table ops.etl_runs add column business_dates jsonb;
update ops.etl_runs r
set business_dates = coalesce((select jsonb_object_agg(s.store, r.business_date)
                               from (select distinct p ->> 'store' as store
                                     from jsonb_array_elements(r.plan) p where p ->> 'store' is not null) s),
                              '{}'::jsonb);
alter table ops.etl_runs alter column business_dates set not null;
alter table ops.etl_runs drop column business_date;

alter table ops.extractor_runs add column business_dates jsonb;
update ops.extractor_runs r
set business_dates = coalesce((select jsonb_object_agg(s.store, r.business_date)
                               from (select distinct i.store from ops.extractor_run_items i where i.run_id = r.run_id) s),
                              '{}'::jsonb);
alter table ops.extractor_runs alter column business_dates set not null;
alter table ops.extractor_runs drop column business_date;
