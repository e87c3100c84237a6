-- extractor-service: its runs and, per run x store x entity, progress and the candidate watermark.
-- A candidate becomes ops.watermarks only when the run's etl.transform.completed is SUCCEEDED (rule 4).

create table ops.extractor_runs (
    run_id            text        primary key,
    trigger           text        not null check (trigger in ('SCHEDULE', 'MANUAL', 'REPLAY')),
    business_date     date        not null,
    status            text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    replay_from       timestamptz,
    replay_to         timestamptz,
    started_at        timestamptz not null default now(),
    ended_at          timestamptz,
    error             text
);

create table ops.extractor_run_items (
    run_id              text        not null references ops.extractor_runs (run_id),
    store               text        not null,
    entity              text        not null check (entity in ('orders', 'customers', 'products', 'inventory')),
    mode                text        not null check (mode in ('BULK', 'INCREMENTAL', 'SNAPSHOT')),
    status              text        not null check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    records             bigint      not null default 0,
    cost_spent          numeric     not null default 0,
    watermark_from      timestamptz,
    watermark_to        timestamptz,
    -- the largest updatedAt extracted; moves ops.watermarks once the run's transform succeeded
    candidate_watermark timestamptz,
    watermark_state     text        not null default 'NONE'
                                    check (watermark_state in ('NONE', 'CANDIDATE', 'ADVANCED', 'DISCARDED')),
    bulk_operation_id   text,
    started_at          timestamptz,
    ended_at            timestamptz,
    error               text,
    primary key (run_id, store, entity)
);

-- "one run at a time per store" looks here
create index extractor_run_items_active on ops.extractor_run_items (store) where status in ('PENDING', 'RUNNING');
