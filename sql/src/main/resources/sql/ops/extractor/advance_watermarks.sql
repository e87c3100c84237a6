-- the run's transform succeeded: its candidates become the stores' watermarks (never moving one backwards)
insert into ops.watermarks (store, entity, watermark, run_id, advanced_at)
select store, entity, candidate_watermark, run_id, now()
from ops.extractor_run_items
where run_id = ? and watermark_state = 'CANDIDATE'
on conflict (store, entity) do update
    set watermark = excluded.watermark, run_id = excluded.run_id, advanced_at = excluded.advanced_at
    where ops.watermarks.watermark < excluded.watermark
