-- Data-quality checks of a run, all declared here: one row per check (name, severity, observed value, threshold,
-- details). A check passes when observed <= threshold; otherwise an ERROR check FAILS the run and a WARN check
-- only WARNS; a check with no observation (NULL: nothing to measure, e.g. freshness of a store without orders) does
-- not pass either. Every check here can fail: none restates a NOT NULL column or a key built from the value it
-- checks. Results go to ops.dq_results (a replay of the run replaces them).
-- Settings: etl.run_id, etl.as_of, etl.business_dates, etl.dq_freshness_hours, etl.dq_max_drop_ratio,
-- etl.dq_dead_letters_warn (entity codes whose dead letters only warn, comma-separated; the others are errors).

-- Row counts of this run, for the drop check against the previous run.
insert into ops.table_counts (run_id, table_name, row_count)
select current_setting('etl.run_id'), t.table_name, t.row_count
from (select 'warehouse.dim_customers' as table_name, count(*) as row_count from warehouse.dim_customers
      union all select 'warehouse.dim_products', count(*) from warehouse.dim_products
      union all select 'warehouse.dim_product_variants', count(*) from warehouse.dim_product_variants
      union all select 'warehouse.fact_orders', count(*) from warehouse.fact_orders
      union all select 'warehouse.fact_order_lines', count(*) from warehouse.fact_order_lines
      union all select 'warehouse.fact_current_inventory', count(*) from warehouse.fact_current_inventory) t
on conflict (run_id, table_name) do update set row_count = excluded.row_count, counted_at = now();

delete from ops.dq_results where run_id = current_setting('etl.run_id');

insert into ops.dq_results (run_id, check_name, severity, status, observed, threshold, details)
select current_setting('etl.run_id'), c.check_name, c.severity,
       case when c.observed <= c.threshold then 'PASSED' when c.severity = 'ERROR' then 'FAILED' else 'WARNED' end,
       c.observed, c.threshold, c.details
from (
    -- dead letters: records of the run's loads that went to etl.dlq instead of staging (per entity, with every
    -- store's count and reasons); an error unless the entity is configured to warn, so a run that lost records
    -- fails and keeps its watermarks until they are redriven or accepted
    select 'dead_letters.' || l.entity as check_name,
           case when l.entity = any(string_to_array(current_setting('etl.dq_dead_letters_warn'), ',')) then 'WARN'
                else 'ERROR' end as severity,
           0 as threshold,
           'records dead-lettered instead of staged: ' || coalesce(string_agg(l.entity || '@' || l.store || ' '
               || l.dead_lettered_count || coalesce(' (' || (select string_agg(r ->> 'reason' || ': ' || (r ->> 'count'),
                   '; ' order by (r ->> 'count')::bigint desc, r ->> 'reason')
                   from jsonb_array_elements(l.dead_letter_reasons) r) || ')', ''), ', ' order by l.store)
               filter (where l.dead_lettered_count > 0), 'none') as details,
           sum(l.dead_lettered_count) as observed
    from ops.etl_run_loads l
    where l.run_id = current_setting('etl.run_id')
    group by l.entity
    union all
    -- merged customers -----------------------------------------------------------------------------------
    select 'relationship.customer_source_customer', 'ERROR', 0,
           'live store customer records whose merged customer is not in dim_customers',
           (select count(*) from warehouse.dim_customer_sources s
            where s.deleted_at is null and not exists (select 1 from warehouse.dim_customers d where d.customer_key = s.customer_key))
    union all
    select 'relationship.customer_has_source', 'ERROR', 0,
           'merged customers no live store record points to, or showing a store record that is not theirs',
           (select count(*) from warehouse.dim_customers d
            where not exists (select 1 from warehouse.dim_customer_sources s
                              where s.store = d.source_store and s.customer_id = d.source_customer_id
                                and s.customer_key = d.customer_key and s.deleted_at is null))
    -- unique and not-null keys ------------------------------------------------------------------------------
    union all
    select 'unique.order_gid', 'ERROR', 0, 'order gids on more than one (store, order id)',
           (select count(*) from (select store, gid from warehouse.fact_orders
                                  group by store, gid having count(*) > 1) d)
    union all
    select 'unique.variant_sku_per_store', 'WARN', 0, 'SKUs on more than one variant of the same store',
           (select count(*) from (select store, sku from warehouse.dim_product_variants where sku is not null
                                  group by store, sku having count(*) > 1) d)
    union all
    select 'not_null.order_name', 'ERROR', 0, 'orders without a name',
           (select count(*) from warehouse.fact_orders where order_name is null)
    union all
    select 'accepted.line_quantities', 'ERROR', 0, 'order lines with a negative ordered or current quantity',
           (select count(*) from warehouse.fact_order_lines where quantity < 0 or current_quantity < 0)
    union all
    select 'accepted.line_current_quantity', 'WARN', 0, 'order lines whose current quantity exceeds the ordered one',
           (select count(*) from warehouse.fact_order_lines where current_quantity > quantity)
    union all
    -- an order's refunds make its total refunded: the orders this run merged (a refund changes only with its order;
    -- an earlier run that failed halfway is that run's error, not this one's), merged with their refunds
    select 'reconcile.order_refunds', 'ERROR', 0, 'orders of the run whose refunds do not add up to their total refunded',
           (select count(*) from warehouse.fact_orders f
            where f.loaded_run_id = current_setting('etl.run_id')
              and f.current_total_price is not null
              and coalesce(f.total_refunded, 0) <> (select coalesce(sum(r.total_refunded), 0) from warehouse.fact_refunds r
                                                    where r.store = f.store and r.order_id = f.order_id))
    -- relationships ---------------------------------------------------------------------------------------
    union all
    select 'relationship.line_order', 'ERROR', 0, 'order lines whose order is not in fact_orders',
           (select count(*) from warehouse.fact_order_lines l
            where not exists (select 1 from warehouse.fact_orders f where f.store = l.store and f.order_id = l.order_id))
    union all
    select 'relationship.order_customer', 'WARN', 0, 'orders with a customer id that no merged customer has',
           (select count(*) from warehouse.fact_orders f where f.customer_id is not null and f.customer_key is null)
    union all
    select 'relationship.line_variant', 'WARN', 0, 'order lines with a SKU whose variant is not in dim_product_variants',
           (select count(*) from warehouse.fact_order_lines l
            where l.sku is not null and (l.variant_id is null or not exists (
                select 1 from warehouse.dim_product_variants v where v.store = l.store and v.variant_id = l.variant_id)))
    -- accepted values -------------------------------------------------------------------------------------
    union all
    -- Order.displayFinancialStatus is nullable in the Admin API (no financial status yet): NULL is accepted, said
    -- so here rather than by NOT IN's silence. Order.displayFulfillmentStatus is non-null: NULL fails.
    select 'accepted.financial_status', 'ERROR', 0, 'orders with a financial status outside the Shopify enum',
           (select count(*) from warehouse.fact_orders
            where financial_status is not null
              and financial_status not in ('PENDING', 'AUTHORIZED', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED', 'VOIDED',
                                           'PAID', 'REFUNDED', 'EXPIRED'))
    union all
    select 'accepted.fulfillment_status', 'ERROR', 0, 'orders without a fulfillment status or with one outside the Shopify enum',
           (select count(*) from warehouse.fact_orders
            where fulfillment_status is null
               or fulfillment_status not in ('UNFULFILLED', 'PARTIALLY_FULFILLED', 'FULFILLED', 'RESTOCKED',
                                             'PENDING_FULFILLMENT', 'OPEN', 'IN_PROGRESS', 'ON_HOLD', 'SCHEDULED',
                                             'REQUEST_DECLINED'))
    union all
    select 'accepted.event_datetime', 'WARN', 0, 'custom.event_datetime metafields that are not ISO date-times',
           (select count(*) from warehouse.order_metafields
            where namespace = 'custom' and key = 'event_datetime' and warehouse.safe_timestamptz(value) is null)
    -- freshness -------------------------------------------------------------------------------------------
    union all
    -- per store of the run, the hours since its newest order update; the stalest store counts, and a store without
    -- any order has no observation (NULL), which does not pass
    select 'freshness.orders_hours', 'WARN', current_setting('etl.dq_freshness_hours')::numeric,
           'hours since the newest order update of the run''s stalest store (none: a store of the run has no orders)',
           (select case when count(*) = 0 then 0 when bool_or(f.newest is null) then null
                        else round(max(extract(epoch from current_setting('etl.as_of')::timestamptz - f.newest) / 3600)::numeric, 2) end
            from jsonb_object_keys(current_setting('etl.business_dates')::jsonb) as r(store)
            cross join lateral (select max(o.updated_at) as newest from warehouse.fact_orders o where o.store = r.store) f)
    -- row-count drop versus the previous run --------------------------------------------------------------
    union all
    select 'row_count_drop.' || cur.table_name, 'WARN', current_setting('etl.dq_max_drop_ratio')::numeric,
           'share of rows lost since run ' || prev.run_id || ' (' || prev.row_count || ' -> ' || cur.row_count || ')',
           round(greatest(0, 1 - cur.row_count::numeric / prev.row_count), 4)
    from ops.table_counts cur
    cross join lateral (select p.run_id, p.row_count from ops.table_counts p
                        where p.table_name = cur.table_name and p.run_id <> cur.run_id and p.row_count > 0
                        order by p.counted_at desc limit 1) prev
    where cur.run_id = current_setting('etl.run_id')
) c;

select count(*) as checks_run from ops.dq_results where run_id = current_setting('etl.run_id');
