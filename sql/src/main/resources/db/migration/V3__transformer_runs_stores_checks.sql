-- transformer-service: what the merges need beyond V1 (store settings, the run barrier, replay attempts,
-- row counts for the data-quality "drop" check) and the indexes that keep the merges set-based and fast.

-- A Shopify gid ("gid://shopify/LineItem/900", "gid://shopify/InventoryLevel/91?inventory_item_id=4001") -> 900 / 91.
create function warehouse.gid_id(gid text) returns bigint
    language sql immutable parallel safe strict
    as $$ select nullif(regexp_replace(split_part(gid, '?', 1), '^.*/', ''), '')::bigint $$;

-- A Shopify amount ("42.5") -> numeric, null when absent.
create function warehouse.money(amount jsonb) returns numeric(18, 4)
    language sql immutable parallel safe
    as $$ select (amount #>> '{shopMoney,amount}')::numeric(18, 4) $$;

-- An ISO-8601 date-time with an offset (a date_time metafield), or null when the text is not one.
create function warehouse.safe_timestamptz(value text) returns timestamptz
    language sql immutable parallel safe strict
    as $$ select case when value ~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$'
                      then value::timestamptz end $$;

-- Store settings are configuration (pipeline.stores.<code>.*); the transformer upserts them here at the start of
-- every run so the merge SQL can join on them: channel for fact_orders, time zone for the marts, priority for
-- "retail first" (lower = first), the shop currency for variant prices (which carry none).
create table ops.store_settings (
    store              text        primary key,
    channel            text        not null check (channel in ('B2C', 'B2B')),
    time_zone          text        not null,
    inventory_priority integer     not null,
    currency           char(3),
    updated_at         timestamptz not null default now()
);

-- The barrier: every etl.load.completed received, whether or not its run.started arrived first.
create table ops.etl_run_loads (
    run_id             text        not null,
    store              text        not null,
    entity             text        not null check (entity in ('orders', 'customers', 'products', 'inventory')),
    status             text        not null check (status in ('SUCCEEDED', 'FAILED')),
    staged_count       bigint      not null default 0,
    dead_lettered_count bigint     not null default 0,
    error              text,
    received_at        timestamptz not null default now(),
    primary key (run_id, store, entity)
);

-- The transformer's attempts at a run: 1 for the run itself, +1 per replay. Claiming an attempt is one update,
-- so a run's merges start (and its event is published) once per attempt even if events are re-delivered.
alter table ops.etl_runs add column transform_attempts integer not null default 0;
alter table ops.etl_runs add column transform_started_at timestamptz;

-- The run log keeps one row per run, attempt and job (the attempts column counts the retries within it).
alter table ops.etl_run_log add column run_attempt integer not null default 1;
alter table ops.etl_run_log drop constraint etl_run_log_pkey;
alter table ops.etl_run_log add primary key (run_id, run_attempt, job);

-- Row counts per run and table, for the row-count drop check.
create table ops.table_counts (
    run_id             text        not null,
    table_name         text        not null,
    row_count          bigint      not null,
    counted_at         timestamptz not null default now(),
    primary key (run_id, table_name)
);
create index table_counts_table_time on ops.table_counts (table_name, counted_at desc);

-- Join paths of the merges and checks.
create index fact_orders_store_customer on warehouse.fact_orders (store, customer_id) where customer_id is not null;
create index dim_customer_sources_run on warehouse.dim_customer_sources (loaded_run_id);
create index inventory_snapshot_store_date on warehouse.inventory_snapshot (store, snapshot_date);
