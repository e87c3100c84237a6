-- loader-service: what the loader needs to declare a (run, store, entity) loaded (ARCHITECTURE.md rule 1) and to
-- answer GET /runs/{id}. Every row here is written in the same transaction as the staging rows it describes.

-- The live consumer's position per raw topic partition: the next offset after the last record staged or
-- dead-lettered. The barrier compares it with the end offsets an etl.extract.completed announces.
create table ops.loader_positions (
    kafka_topic       text        not null,
    kafka_partition   integer     not null,
    next_offset       bigint      not null,
    updated_at        timestamptz not null default now(),
    primary key (kafka_topic, kafka_partition)
);

-- Per (run, store, entity): rows staged (duplicates from re-delivery are not counted), records dead-lettered,
-- archived batches and their dates, and the first archive failure (which fails the load).
create table ops.loader_counts (
    run_id            text        not null,
    store             text        not null,
    entity            text        not null check (entity in ('orders', 'customers', 'products', 'inventory')),
    staged            bigint      not null default 0,
    dead_lettered     bigint      not null default 0,
    batches           integer     not null default 0,
    archive_dates     date[]      not null default '{}',
    archive_error     text,
    first_staged_at   timestamptz not null default now(),
    last_staged_at    timestamptz not null default now(),
    primary key (run_id, store, entity)
);

-- A (run, store, entity) declared loaded (or failed): exactly what etl.load.completed said.
create table ops.loader_loads (
    run_id              text        not null,
    store               text        not null,
    entity              text        not null check (entity in ('orders', 'customers', 'products', 'inventory')),
    status              text        not null check (status in ('SUCCEEDED', 'FAILED')),
    staged_count        bigint      not null,
    dead_lettered_count bigint      not null,
    archive_uri         text,
    error               text,
    declared_at         timestamptz not null default now(),
    primary key (run_id, store, entity)
);

-- Replays of a business day (POST /replay): one row per replay run.
create table ops.loader_replays (
    run_id            text        primary key,
    business_date     date        not null,
    source            text        not null check (source in ('kafka', 'archive')),
    stores            text[],
    entities          text[]      not null,
    status            text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    records_read      bigint      not null default 0,
    started_at        timestamptz not null default now(),
    ended_at          timestamptz,
    error             text
);
