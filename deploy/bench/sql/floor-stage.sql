-- The load floor for one entity (psql -v entity=... with the archived JSONL, one RawRecord per line, on stdin):
-- one \copy into a jsonb column, one insert into staging.<entity> filling the columns the loader fills, and
-- analyze (the merge then plans on statistics; the pipeline relies on autovacuum).
-- CSV with quote and delimiter characters that never occur in JSON text: each line is one jsonb value.
create temp table floor_raw (line jsonb);
\copy floor_raw (line) from pstdin with (format csv, quote e'\x01', delimiter e'\x02')
insert into staging.:"entity"
    (run_id, store, gid, source_updated_at, extracted_at, payload, kafka_topic, kafka_partition, kafka_offset)
select line->>'runId', line->>'store', line->>'gid', (line->>'sourceUpdatedAt')::timestamptz,
       (line->>'extractedAt')::timestamptz, line->'payload',
       line->'kafka'->>'topic', (line->'kafka'->>'partition')::integer, (line->'kafka'->>'offset')::bigint
from floor_raw
on conflict (run_id, store, gid) do nothing;
analyze staging.:"entity";
