-- Benchmark staging rows in the exact fragment shape of pipeline-test-support's example payloads, built with
-- generate_series: bench.orders orders (3 line items and 5 bakery metafields each, half per store, one in 4 without
-- a customer), bench.orders / 5 customers (the same e-mail in both stores for one in 3), for run bench.run_id with
-- updatedAt shifted by bench.shift_days (a later run updates every order).
-- psql: set bench.run_id = 'bench-1'; set bench.orders = 100000; set bench.shift_days = 0; \i stage_bench_rows.sql

insert into staging.customers (run_id, store, gid, source_updated_at, extracted_at, payload, kafka_topic, kafka_partition, kafka_offset)
select current_setting('bench.run_id'), c.store, 'gid://shopify/Customer/' || g, c.updated_at, now(),
       jsonb_build_object(
           'id', 'gid://shopify/Customer/' || g, 'legacyResourceId', g::text,
           'firstName', 'First' || g, 'lastName', 'Last' || g, 'displayName', 'First' || g || ' Last' || g,
           'defaultEmailAddress', jsonb_build_object('emailAddress',
               case when g % 6 in (0, 1) then ' Shared' || (g / 6) || '@Example.com ' else 'c' || g || '@example.com' end),
           'state', 'ENABLED', 'tags', jsonb_build_array('bench'), 'numberOfOrders', (g % 7)::text,
           'amountSpent', jsonb_build_object('amount', (g % 500)::text || '.25', 'currencyCode', 'USD'),
           'verifiedEmail', true, 'createdAt', '2025-03-02T10:00:00Z', 'updatedAt', to_json(c.updated_at)),
       'shopify.customers.raw', g % 3, g
from generate_series(1, current_setting('bench.orders')::int / 5) g
cross join lateral (select case when g % 2 = 0 then 'retail' else 'wholesale' end as store,
                           timestamptz '2026-11-01T00:00:00Z' + g * interval '1 second'
                               + current_setting('bench.shift_days')::int * interval '1 day' as updated_at) c;

create function pg_temp.bag(amount numeric) returns jsonb language sql immutable as $$
    select jsonb_build_object('shopMoney', jsonb_build_object('amount', amount::text, 'currencyCode', 'USD'),
                              'presentmentMoney', jsonb_build_object('amount', round(amount * 0.92, 2)::text, 'currencyCode', 'EUR'))
$$;

insert into staging.orders (run_id, store, gid, source_updated_at, extracted_at, payload, kafka_topic, kafka_partition, kafka_offset)
select current_setting('bench.run_id'), o.store, 'gid://shopify/Order/' || g, o.updated_at, now(),
       jsonb_build_object(
           'id', 'gid://shopify/Order/' || g, 'legacyResourceId', g::text, 'name', '#' || g,
           'createdAt', '2026-11-01T09:14:02Z', 'processedAt', '2026-11-01T09:14:01Z', 'updatedAt', to_json(o.updated_at),
           'cancelledAt', null, 'cancelReason', null, 'closedAt', null,
           'displayFinancialStatus', (array['PAID', 'PENDING', 'PARTIALLY_REFUNDED', 'PAID'])[1 + g % 4],
           'displayFulfillmentStatus', (array['UNFULFILLED', 'FULFILLED', 'PARTIALLY_FULFILLED'])[1 + g % 3],
           'currencyCode', 'USD', 'presentmentCurrencyCode', 'EUR', 'email', 'c' || o.customer_id || '@example.com',
           'test', false, 'tags', jsonb_build_array('bench'), 'sourceName', 'web',
           'customer', case when g % 4 = 0 then null else jsonb_build_object(
               'id', 'gid://shopify/Customer/' || o.customer_id, 'legacyResourceId', o.customer_id::text,
               'displayName', 'First' || o.customer_id,
               'defaultEmailAddress', jsonb_build_object('emailAddress', 'c' || o.customer_id || '@example.com')) end,
           'subtotalPriceSet', pg_temp.bag(67.5), 'totalDiscountsSet', pg_temp.bag(5.0),
           'totalShippingPriceSet', pg_temp.bag(0.0), 'totalTaxSet', pg_temp.bag(2.5),
           'totalPriceSet', pg_temp.bag(65.0), 'totalRefundedSet', pg_temp.bag(0.0), 'refunds', '[]'::jsonb,
           'lineItems', jsonb_build_object('nodes', (
               select jsonb_agg(jsonb_build_object(
                   'id', 'gid://shopify/LineItem/' || (g * 10 + l), 'name', 'Cake ' || l, 'sku', 'SKU-' || (g % 200 + l),
                   'quantity', l, 'currentQuantity', l,
                   'variant', jsonb_build_object('id', 'gid://shopify/ProductVariant/' || (g % 200 + l), 'legacyResourceId', (g % 200 + l)::text),
                   'product', jsonb_build_object('id', 'gid://shopify/Product/' || (g % 200 + l), 'legacyResourceId', (g % 200 + l)::text),
                   'originalUnitPriceSet', pg_temp.bag(22.5), 'discountedUnitPriceSet', pg_temp.bag(20.0),
                   'totalDiscountSet', pg_temp.bag(1.5), 'originalTotalSet', pg_temp.bag(22.5 * l)))
               from generate_series(1, 3) l)),
           'metafields', jsonb_build_object('nodes', jsonb_build_array(
               jsonb_build_object('id', 'gid://shopify/Metafield/' || (g * 10 + 1), 'namespace', 'custom', 'key', 'order_type',
                                  'type', 'single_line_text_field', 'value', case when g % 2 = 0 then 'deposit' else 'remaining' end,
                                  'updatedAt', '2026-11-01T09:14:02Z'),
               jsonb_build_object('id', 'gid://shopify/Metafield/' || (g * 10 + 2), 'namespace', 'custom', 'key', 'event_datetime',
                                  'type', 'date_time', 'value', to_char(timestamptz '2026-11-15T09:30:00Z' + (g % 60) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                  'updatedAt', '2026-11-01T09:14:02Z'),
               jsonb_build_object('id', 'gid://shopify/Metafield/' || (g * 10 + 3), 'namespace', 'custom', 'key', 'flavor',
                                  'type', 'single_line_text_field', 'value', 'chocolate', 'updatedAt', '2026-11-01T09:14:02Z'),
               jsonb_build_object('id', 'gid://shopify/Metafield/' || (g * 10 + 4), 'namespace', 'custom', 'key', 'theme',
                                  'type', 'single_line_text_field', 'value', 'unicorn', 'updatedAt', '2026-11-01T09:14:02Z'),
               jsonb_build_object('id', 'gid://shopify/Metafield/' || (g * 10 + 5), 'namespace', 'custom', 'key', 'request_id',
                                  'type', 'single_line_text_field', 'value', 'REQ-' || ((g + 1) / 2), 'updatedAt', '2026-11-01T09:14:02Z')))),
       'shopify.orders.raw', g % 3, g
from generate_series(1, current_setting('bench.orders')::int) g
cross join lateral (select case when g % 2 = 0 then 'retail' else 'wholesale' end as store,
                           2 * (1 + (g / 2) % (current_setting('bench.orders')::int / 10)) - g % 2 as customer_id,
                           timestamptz '2026-11-01T00:00:00Z' + g * interval '1 second'
                               + current_setting('bench.shift_days')::int * interval '1 day' as updated_at) o;

select count(*) from staging.orders where run_id = current_setting('bench.run_id');
