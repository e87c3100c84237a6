-- Moves one entity's records of the batch into staging.${entity}. A record already staged for its run (a
-- re-delivery) is skipped and not counted again; the counts per (run, store) are kept in ops.loader_counts.
with staged as (
    insert into staging.${entity} as s
        (run_id, store, gid, source_updated_at, extracted_at, payload, kafka_topic, kafka_partition, kafka_offset)
    select b.run_id, b.store, b.gid, b.source_updated_at, b.extracted_at, b.payload::jsonb,
           b.kafka_topic, b.kafka_partition, b.kafka_offset
    from loader_batch b
    where b.entity = '${entity}'
    order by b.kafka_partition, b.kafka_offset
    on conflict (run_id, store, gid) do nothing
    returning s.run_id, s.store
), counted as (
    insert into ops.loader_counts as c (run_id, store, entity, staged)
    select run_id, store, '${entity}', count(*) from staged group by run_id, store
    on conflict (run_id, store, entity)
        do update set staged = c.staged + excluded.staged, last_staged_at = now()
)
select count(*) from staged
