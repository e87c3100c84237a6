-- Dead letters are counted, said why, and kept for a redrive (issue 14, path 1).

-- The loader keeps every record of a run it dead-lettered (original key and bytes, where it came from, why), so that
-- POST /dead-letters/redrive can stage it after a fix. A record staged by a redrive is marked redriven; one that
-- fails again is sent to etl.dlq once more and counted in redrives.
create table ops.loader_dead_letters (
    run_id            text        not null,
    store             text        not null,
    entity            text        not null check (entity in ('orders', 'customers', 'products', 'inventory')),
    source_topic      text        not null,
    source_partition  integer     not null,
    source_offset     bigint      not null,
    source_timestamp  bigint      not null,
    record_key        text,
    record_value      bytea       not null,
    reason            text        not null,
    dead_lettered_at  timestamptz not null default now(),
    redrives          integer     not null default 0,
    redriven_at       timestamptz,
    primary key (run_id, source_topic, source_partition, source_offset)
);
create index loader_dead_letters_load on ops.loader_dead_letters (run_id, store, entity);

-- The transformer keeps each load's dead-letter reasons: the dead_letters checks name them.
alter table ops.etl_run_loads add column dead_letter_reasons jsonb not null default '[]';
