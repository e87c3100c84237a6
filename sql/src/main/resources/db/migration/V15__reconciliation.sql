-- Reconciliation, every run (issue 15): the extractor's observation of each store x entity (records, order sums,
-- Shopify's own count of the window) travels with etl.extract.completed and etl.load.completed; the transformer
-- compares it with what the run staged and merged, and gates the run on the result.
alter table ops.loader_loads add column extracted jsonb;
alter table ops.etl_run_loads add column extracted jsonb;

-- One row per (run, store, entity, metric): the source's figure (the extractor's, or Shopify's count), the
-- warehouse's, their difference, and OK | WARN (explained in note: a window edge, a newer version kept) | ERROR.
create table ops.reconciliation (
    run_id      text           not null,
    store       text           not null,
    entity      text           not null,
    metric      text           not null,
    source      numeric(20, 4) not null,
    warehouse   numeric(20, 4) not null,
    difference  numeric(20, 4) not null,
    status      text           not null check (status in ('OK', 'WARN', 'ERROR')),
    note        text,
    checked_at  timestamptz    not null default now(),
    primary key (run_id, store, entity, metric)
);
