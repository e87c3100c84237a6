-- The dead letters of a run not staged by a redrive yet, optionally of one store and one entity, in source order.
-- Params: run id, store (or null), store, entity (or null), entity.
select run_id, store, entity, source_topic, source_partition, source_offset, source_timestamp, record_key,
       record_value, redrives
from ops.loader_dead_letters
where run_id = ? and (?::text is null or store = ?) and (?::text is null or entity = ?) and redriven_at is null
order by source_topic, source_partition, source_offset
for update
