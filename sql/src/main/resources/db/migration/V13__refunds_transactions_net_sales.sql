-- Refunds and payment transactions from the order payload, the order's current and net amounts, each line's
-- refundable quantity, and a mart of net sales per store and day (gross by order date, refunds by refund date).
-- Orders merged before this migration get the new columns when they change and are merged again (or on a replay).
alter table warehouse.fact_orders
    add column current_subtotal        numeric(18, 4),
    add column current_total_price     numeric(18, 4),
    add column total_refunded_shipping numeric(18, 4),
    add column net_payment             numeric(18, 4);
alter table warehouse.fact_order_lines add column refundable_quantity integer;

-- One row per refund of an order, dated by when it was processed (refund_date in the store's time zone).
create table warehouse.fact_refunds (
    store                      text           not null,
    refund_id                  bigint         not null,
    order_id                   bigint         not null,
    gid                        text           not null,
    created_at                 timestamptz,
    processed_at               timestamptz    not null,
    updated_at                 timestamptz,
    refund_date                date           not null,
    note                       text,
    total_refunded             numeric(18, 4) not null,
    presentment_total_refunded numeric(18, 4),
    currency                   char(3)        not null,
    presentment_currency       char(3),
    order_updated_at           timestamptz    not null,  -- the order version this refund came from
    loaded_run_id              text           not null,
    primary key (store, refund_id)
);
create index fact_refunds_order on warehouse.fact_refunds (store, order_id);
create index fact_refunds_date on warehouse.fact_refunds (store, refund_date);

-- One row per payment transaction of an order (sale, authorization, capture, void, refund, ...).
create table warehouse.fact_order_transactions (
    store                  text           not null,
    transaction_id         bigint         not null,
    order_id               bigint         not null,
    gid                    text           not null,
    kind                   text           not null,
    status                 text           not null,
    gateway                text,
    processed_at           timestamptz,
    amount                 numeric(18, 4) not null,
    currency               char(3)        not null,
    presentment_amount     numeric(18, 4),
    presentment_currency   char(3),
    parent_transaction_id  bigint,
    test                   boolean        not null default false,
    order_updated_at       timestamptz    not null,
    loaded_run_id          text           not null,
    primary key (store, transaction_id)
);
create index fact_order_transactions_order on warehouse.fact_order_transactions (store, order_id);

-- Net sales per store and local day, test orders left out: gross = the total price of the orders created that day,
-- refunds = the refunds processed that day (whatever day their order was created), net = gross - refunds.
create table mart.net_sales_daily (
    store            text           not null,
    sales_date       date           not null,
    currency         char(3)        not null,
    orders           integer        not null,
    gross_sales      numeric(18, 4) not null,
    refunds          integer        not null,
    refunded         numeric(18, 4) not null,
    net_sales        numeric(18, 4) not null,
    computed_run_id  text           not null,
    computed_at      timestamptz    not null default now(),
    primary key (store, sales_date)
);
