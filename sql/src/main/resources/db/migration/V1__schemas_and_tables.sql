-- The warehouse of the multi-store ELT pipeline (ARCHITECTURE.md, "Warehouse").
-- One schema history for all services: every service that uses the database migrates from this jar,
-- and Flyway's PostgreSQL advisory lock serialises services that start at the same time.
-- Every key that identifies a Shopify object includes the store: ids are only unique within a shop.

create schema if not exists staging;
create schema if not exists warehouse;
create schema if not exists mart;
create schema if not exists ops;

-- ---------------------------------------------------------------------------------------------
-- staging: the raw nodes as extracted, one table per entity, written by the loader with COPY.
-- Keyed by (run, store, gid) within the entity's table (rule 3): a re-delivered record never
-- duplicates a row. The topic/partition/offset say where each row came from.
-- ---------------------------------------------------------------------------------------------
create table staging.orders (
    run_id            text        not null,
    store             text        not null,
    gid               text        not null,
    source_updated_at timestamptz,
    extracted_at      timestamptz not null,
    payload           jsonb       not null,
    kafka_topic       text        not null,
    kafka_partition   integer     not null,
    kafka_offset      bigint      not null,
    staged_at         timestamptz not null default now(),
    primary key (run_id, store, gid)
);
create table staging.customers (like staging.orders including all);
create table staging.products  (like staging.orders including all);
create table staging.inventory (like staging.orders including all);

create index staging_orders_store_run    on staging.orders    (store, run_id);
create index staging_customers_store_run on staging.customers (store, run_id);
create index staging_products_store_run  on staging.products  (store, run_id);
create index staging_inventory_store_run on staging.inventory (store, run_id);

-- ---------------------------------------------------------------------------------------------
-- warehouse: dimensions and facts
-- ---------------------------------------------------------------------------------------------

-- Customers of all stores merged by normalized e-mail (lower(trim(email))), else by store + id.
-- customer_key is 'email:<normalized e-mail>' or 'store:<store>/<customer id>'.
-- The record with the latest updated_at wins; stores lists every store the customer appears in.
create table warehouse.dim_customers (
    customer_key      text        primary key,
    email_normalized  text        unique,
    email             text,
    first_name        text,
    last_name         text,
    phone             text,
    state             text,
    tags              text[]      not null default '{}',
    number_of_orders  bigint,
    amount_spent      numeric(18, 4),
    amount_currency   char(3),
    source_store      text        not null,  -- the store whose record won
    source_customer_id bigint     not null,
    stores            text[]      not null,
    created_at        timestamptz,
    updated_at        timestamptz not null,
    loaded_run_id     text        not null,
    loaded_at         timestamptz not null default now()
);

-- Every (store, customer id) seen, and the merged customer it belongs to: orders reach
-- dim_customers through it, and it keeps each store's own updated_at for the merge rule.
create table warehouse.dim_customer_sources (
    store             text        not null,
    customer_id       bigint      not null,
    customer_key      text        not null,
    email_normalized  text,
    updated_at        timestamptz not null,
    loaded_run_id     text        not null,
    primary key (store, customer_id)
);
create index dim_customer_sources_key on warehouse.dim_customer_sources (customer_key);

create table warehouse.dim_products (
    store             text        not null,
    product_id        bigint      not null,
    gid               text        not null,
    title             text,
    handle            text,
    vendor            text,
    product_type      text,
    tags              text[]      not null default '{}',
    status            text,
    created_at        timestamptz,
    updated_at        timestamptz not null,
    deleted_at        timestamptz,
    loaded_run_id     text        not null,
    primary key (store, product_id)
);

create table warehouse.dim_product_variants (
    store             text        not null,
    variant_id        bigint      not null,
    product_id        bigint      not null,
    gid               text        not null,
    sku               text,
    title             text,
    price             numeric(18, 4),
    compare_at_price  numeric(18, 4),
    currency          char(3),
    inventory_item_id bigint,
    updated_at        timestamptz not null,
    loaded_run_id     text        not null,
    primary key (store, variant_id),
    foreign key (store, product_id) references warehouse.dim_products (store, product_id)
);
create index dim_product_variants_sku on warehouse.dim_product_variants (sku) where sku is not null;
create index dim_product_variants_item on warehouse.dim_product_variants (store, inventory_item_id);

create table warehouse.fact_orders (
    store               text        not null,
    order_id            bigint      not null,
    gid                 text        not null,
    order_name          text,
    channel             text        not null check (channel in ('B2C', 'B2B')),
    customer_id         bigint,      -- the store's own customer id; null for guest orders
    customer_key        text,        -- the merged customer (dim_customers), when known
    email               text,
    created_at          timestamptz,
    processed_at        timestamptz,
    updated_at          timestamptz not null,
    cancelled_at        timestamptz,
    cancel_reason       text,
    financial_status    text,
    fulfillment_status  text,
    currency            char(3)     not null,   -- the shop's currency
    presentment_currency char(3),
    subtotal            numeric(18, 4),
    total_discounts     numeric(18, 4),
    total_shipping      numeric(18, 4),
    total_tax           numeric(18, 4),
    total_price         numeric(18, 4) not null,
    total_refunded      numeric(18, 4),
    presentment_total_price numeric(18, 4),
    tags                text[]      not null default '{}',
    test                boolean     not null default false,
    loaded_run_id       text        not null,
    primary key (store, order_id)
);
create index fact_orders_customer on warehouse.fact_orders (customer_key);
create index fact_orders_created on warehouse.fact_orders (created_at);

create table warehouse.fact_order_lines (
    store             text        not null,
    line_item_id      bigint      not null,
    order_id          bigint      not null,
    variant_id        bigint,
    product_id        bigint,
    sku               text,
    title             text,
    quantity          integer     not null,
    unit_price        numeric(18, 4) not null,
    line_total        numeric(18, 4) not null,   -- quantity x unit price
    discount_total    numeric(18, 4) not null default 0,
    currency          char(3)     not null,
    order_updated_at  timestamptz not null,      -- the order version this line came from
    loaded_run_id     text        not null,
    primary key (store, line_item_id)
);
create index fact_order_lines_order on warehouse.fact_order_lines (store, order_id);
create index fact_order_lines_variant on warehouse.fact_order_lines (store, variant_id);

create table warehouse.order_metafields (
    store             text        not null,
    order_id          bigint      not null,
    namespace         text        not null,
    key               text        not null,
    type              text,
    value             text,
    order_updated_at  timestamptz not null,
    loaded_run_id     text        not null,
    primary key (store, order_id, namespace, key)
);
create index order_metafields_key on warehouse.order_metafields (namespace, key);

-- "Retail first": one row per SKU, from the store of highest priority that has the SKU.
create table warehouse.fact_current_inventory (
    sku               text        primary key,
    store             text        not null,
    variant_id        bigint,
    inventory_item_id bigint      not null,
    available         bigint      not null,
    on_hand           bigint,
    location_count    integer     not null,
    refreshed_at      timestamptz not null,
    loaded_run_id     text        not null
);

-- Append-only history: one set of rows per snapshot date; re-running a date replaces that date.
create table warehouse.inventory_snapshot (
    snapshot_date     date        not null,
    store             text        not null,
    inventory_item_id bigint      not null,
    location_id       bigint      not null,
    sku               text,
    variant_id        bigint,
    available         bigint      not null,
    on_hand           bigint,
    loaded_run_id     text        not null,
    primary key (snapshot_date, store, inventory_item_id, location_id)
);

-- ---------------------------------------------------------------------------------------------
-- mart: report tables, computed by the run (never on request)
-- ---------------------------------------------------------------------------------------------

-- This week's cake requests: one deposit + one remaining order per request, shown when either is PAID.
create table mart.bake_schedule_week (
    store               text        not null,
    request_key         text        not null,  -- the request-id metafield, else customer + event datetime
    event_datetime      timestamptz not null,
    event_local         timestamp   not null,  -- in the shop's time zone
    customer_name       text,
    customer_email      text,
    flavor              text,
    theme               text,
    details             text,
    deposit_order_id    bigint,
    deposit_order_name  text,
    deposit_status      text,
    remaining_order_id  bigint,
    remaining_order_name text,
    remaining_status    text,
    week_start          date        not null,
    computed_run_id     text        not null,
    computed_at         timestamptz not null default now(),
    primary key (store, request_key)
);

-- Every order with an event datetime in the future, paid or not, one row per order.
create table mart.future_orders (
    store               text        not null,
    order_id            bigint      not null,
    order_name          text,
    order_type          text,       -- deposit | remaining
    request_key         text        not null,
    event_datetime      timestamptz not null,
    event_local         timestamp   not null,
    financial_status    text,
    customer_name       text,
    customer_email      text,
    flavor              text,
    theme               text,
    deposit_missing     boolean     not null,
    remaining_missing   boolean     not null,
    computed_run_id     text        not null,
    computed_at         timestamptz not null default now(),
    primary key (store, order_id)
);

-- ---------------------------------------------------------------------------------------------
-- ops: runs, jobs, watermarks, data quality, notifications
-- ---------------------------------------------------------------------------------------------

-- One row per run: what started it and what it planned (from etl.run.started).
create table ops.etl_runs (
    run_id            text        primary key,
    trigger           text        not null check (trigger in ('SCHEDULE', 'MANUAL', 'REPLAY')),
    business_date     date        not null,
    plan              jsonb       not null,
    status            text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    started_at        timestamptz not null default now(),
    ended_at          timestamptz,
    error             text
);

-- One row per run and job: status, rows, attempts, start, end, error.
create table ops.etl_run_log (
    run_id            text        not null,
    job               text        not null,
    status            text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    rows              bigint      not null default 0,
    attempts          integer     not null default 0,
    started_at        timestamptz not null,
    ended_at          timestamptz,
    error             text,
    primary key (run_id, job)
);

-- A store's incremental watermark per entity; moves only after the run's transform succeeded (rule 4).
create table ops.watermarks (
    store             text        not null,
    entity            text        not null check (entity in ('orders', 'customers', 'products', 'inventory')),
    watermark         timestamptz not null,
    run_id            text        not null,
    advanced_at       timestamptz not null default now(),
    primary key (store, entity)
);

create table ops.dq_results (
    run_id            text        not null,
    check_name        text        not null,
    severity          text        not null check (severity in ('ERROR', 'WARN')),
    status            text        not null check (status in ('PASSED', 'WARNED', 'FAILED')),
    observed          numeric,
    threshold         numeric,
    details           text,
    checked_at        timestamptz not null default now(),
    primary key (run_id, check_name)
);

-- A run notifies at most once per attempt (rule 3): the key makes a duplicate event a no-op.
create table ops.notifications (
    run_id            text        not null,
    attempt           integer     not null default 1,
    kind              text        not null check (kind in ('POWERBI_REFRESH', 'SNS_ALERT')),
    status            text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    detail            text,
    created_at        timestamptz not null default now(),
    sent_at           timestamptz,
    primary key (run_id, attempt)
);
