-- Refund details (issue 15): a refund's lines, shipping lines, order adjustments and transactions are connections
-- under the order's refunds list, which a bulk query cannot nest; the extractor asks them by refund GID after the
-- run's orders (entity "refunds", shopify.refunds.raw, one record per refund) into staging.refunds, and the merge job
-- fact_refund_lines turns them into warehouse.fact_refund_lines, the refunded shipping and adjustments of each
-- refund, the refunded quantity and subtotal of each order line, and the refund each refund transaction paid.

-- Every ops table that names an entity accepts the new one.
do $$
declare
    t text;
begin
    foreach t in array array['ops.watermarks', 'ops.loader_counts', 'ops.loader_loads', 'ops.etl_run_loads',
                             'ops.extractor_run_items', 'ops.loader_dead_letters'] loop
        execute format('alter table %s drop constraint %I', t, split_part(t, '.', 2) || '_entity_check');
        execute format('alter table %s add constraint %I check (entity in '
                           || '(''orders'', ''customers'', ''products'', ''inventory'', ''deletions'', ''ids'', '
                           || '''refunds''))',
                       t, split_part(t, '.', 2) || '_entity_check');
    end loop;
end
$$;

-- staging: one row per (run, store, refund GID); the payload is the RefundNode selection.
create table staging.refunds (like staging.orders including all);
create index staging_refunds_store_run on staging.refunds (store, run_id);

-- One row per refunded order line of a refund (a refund naming a line twice is summed into one row).
create table warehouse.fact_refund_lines (
    store                text           not null,
    refund_id            bigint         not null,
    line_item_id         bigint         not null,
    order_id             bigint         not null,
    quantity             integer        not null,
    restock_type         text           not null,  -- NO_RESTOCK | CANCEL | RETURN | LEGACY_RESTOCK
    restocked            boolean        not null,
    location_id          bigint,                    -- where the units went back to stock
    unit_price           numeric(18, 4),
    subtotal             numeric(18, 4) not null,
    total_tax            numeric(18, 4) not null default 0,
    presentment_subtotal numeric(18, 4),
    currency             char(3)        not null,
    refund_updated_at    timestamptz    not null,  -- the refund version these lines came from
    loaded_run_id        text           not null,
    primary key (store, refund_id, line_item_id)
);
create index fact_refund_lines_line on warehouse.fact_refund_lines (store, line_item_id);
create index fact_refund_lines_order on warehouse.fact_refund_lines (store, order_id);

-- What a refund's details add to it: refunded shipping (subtotal and tax), the order adjustments, and which version
-- of the details the row holds (null: no details loaded yet).
alter table warehouse.fact_refunds
    add column shipping_refunded     numeric(18, 4),
    add column shipping_tax_refunded numeric(18, 4),
    add column adjustments_total     numeric(18, 4),
    add column details_updated_at    timestamptz,
    add column details_run_id        text;

-- The units and subtotal refunded from each order line, over all its refunds.
alter table warehouse.fact_order_lines
    add column refunded_quantity integer        not null default 0,
    add column refunded_subtotal numeric(18, 4) not null default 0;

-- The refund a refund transaction paid (null for every other kind, or until the refund's details are loaded).
alter table warehouse.fact_order_transactions add column refund_id bigint;
