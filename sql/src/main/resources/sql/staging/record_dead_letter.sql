-- One dead letter of a run: kept (for a redrive) and counted against its load, once however often it is read again.
-- Params: run id, store, entity, source topic, partition, offset, timestamp, key, value, reason.
with letter as (
    insert into ops.loader_dead_letters (run_id, store, entity, source_topic, source_partition, source_offset,
                                         source_timestamp, record_key, record_value, reason)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (run_id, source_topic, source_partition, source_offset) do nothing
    returning run_id, store, entity
)
insert into ops.loader_counts as c (run_id, store, entity, dead_lettered)
select run_id, store, entity, 1 from letter
on conflict (run_id, store, entity)
    do update set dead_lettered = c.dead_lettered + excluded.dead_lettered, last_staged_at = now()
