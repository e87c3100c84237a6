-- Moves one entity's records of the batch into staging.${entity}, live and replay alike. A run may hold several
-- versions of a record (paging returned a node again after it changed; a replay's day spans several runs; a
-- re-delivery), so per (run, store, gid) the latest version wins, whichever arrives first: newest source updated_at,
-- then newest extraction, then the later Kafka offset (the same key always lands in the same partition). A
-- re-delivered copy changes nothing. Only new rows are counted, in ops.loader_counts per (run, store).
with batch as (
    select distinct on (b.run_id, b.store, b.gid) b.*
    from loader_batch b
    where b.entity = '${entity}'
    order by b.run_id, b.store, b.gid,
             b.source_updated_at desc nulls last, b.extracted_at desc, b.kafka_offset desc
), staged as (
    insert into staging.${entity} as s
        (run_id, store, gid, source_updated_at, extracted_at, payload, kafka_topic, kafka_partition, kafka_offset)
    select b.run_id, b.store, b.gid, b.source_updated_at, b.extracted_at, b.payload::jsonb,
           b.kafka_topic, b.kafka_partition, b.kafka_offset
    from batch b
    on conflict (run_id, store, gid) do update
        set source_updated_at = excluded.source_updated_at, extracted_at = excluded.extracted_at,
            payload = excluded.payload, kafka_topic = excluded.kafka_topic,
            kafka_partition = excluded.kafka_partition, kafka_offset = excluded.kafka_offset
        where (coalesce(excluded.source_updated_at, '-infinity'), excluded.extracted_at, excluded.kafka_offset)
            > (coalesce(s.source_updated_at, '-infinity'), s.extracted_at, s.kafka_offset)
    returning s.run_id, s.store, (xmax = 0) as inserted
), counted as (
    insert into ops.loader_counts as c (run_id, store, entity, staged)
    select run_id, store, '${entity}', count(*) filter (where inserted) from staged group by run_id, store
    on conflict (run_id, store, entity)
        do update set staged = c.staged + excluded.staged, last_staged_at = now()
)
select count(*) filter (where inserted) from staged
