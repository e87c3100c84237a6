-- Data-quality checks of a run, all declared here: one row per check (name, severity, observed value, threshold,
-- details). A check passes when observed <= threshold; otherwise an ERROR check FAILS the run and a WARN check
-- only WARNS. Results go to ops.dq_results (a replay of the run replaces them).
-- Settings: etl.run_id, etl.as_of, etl.dq_freshness_hours, etl.dq_max_drop_ratio.

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
    -- unique and not-null keys ------------------------------------------------------------------------------
    select 'unique.customer_email_one_key' as check_name, 'ERROR' as severity, 0 as threshold,
           'normalized e-mails mapped to more than one merged customer' as details,
           (select count(*) from (select email_normalized from warehouse.dim_customer_sources
                                  where email_normalized is not null
                                  group by email_normalized having count(distinct customer_key) > 1) d) as observed
    union all
    select 'unique.order_gid', 'ERROR', 0, 'order gids on more than one (store, order id)',
           (select count(*) from (select store, gid from warehouse.fact_orders
                                  group by store, gid having count(*) > 1) d)
    union all
    select 'unique.variant_sku_per_store', 'WARN', 0, 'SKUs on more than one variant of the same store',
           (select count(*) from (select store, sku from warehouse.dim_product_variants where sku is not null
                                  group by store, sku having count(*) > 1) d)
    union all
    select 'not_null.order_name_and_total', 'ERROR', 0, 'orders without a name or a total price',
           (select count(*) from warehouse.fact_orders where order_name is null or total_price is null)
    union all
    select 'not_null.line_quantity_price', 'ERROR', 0, 'order lines without a quantity or unit price',
           (select count(*) from warehouse.fact_order_lines where quantity is null or unit_price is null)
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
    select 'accepted.financial_status', 'ERROR', 0, 'orders with a financial status outside the Shopify enum',
           (select count(*) from warehouse.fact_orders
            where financial_status not in ('PENDING', 'AUTHORIZED', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED', 'VOIDED',
                                           'PAID', 'REFUNDED', 'EXPIRED'))
    union all
    select 'accepted.fulfillment_status', 'ERROR', 0, 'orders with a fulfillment status outside the Shopify enum',
           (select count(*) from warehouse.fact_orders
            where fulfillment_status not in ('UNFULFILLED', 'PARTIALLY_FULFILLED', 'FULFILLED', 'RESTOCKED',
                                             'PENDING_FULFILLMENT', 'OPEN', 'IN_PROGRESS', 'ON_HOLD', 'SCHEDULED',
                                             'REQUEST_DECLINED'))
    union all
    select 'accepted.event_datetime', 'WARN', 0, 'custom.event_datetime metafields that are not ISO date-times',
           (select count(*) from warehouse.order_metafields
            where namespace = 'custom' and key = 'event_datetime' and warehouse.safe_timestamptz(value) is null)
    -- freshness -------------------------------------------------------------------------------------------
    union all
    select 'freshness.orders_hours', 'WARN', current_setting('etl.dq_freshness_hours')::numeric,
           'hours since the newest order update',
           coalesce((select round((extract(epoch from current_setting('etl.as_of')::timestamptz - max(updated_at)) / 3600)::numeric, 2)
                     from warehouse.fact_orders), 0)
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
