-- The batch being staged: COPY writes here first, then stage-entity.sql moves it into staging.<entity>.
create temp table if not exists loader_batch (
    run_id            text,
    store             text,
    entity            text,
    gid               text,
    source_updated_at timestamptz,
    extracted_at      timestamptz,
    payload           text,
    kafka_topic       text,
    kafka_partition   integer,
    kafka_offset      bigint
) on commit delete rows
