-- Streams of the sources besides Shopify (issue 16): an entity is a Shopify entity or a source's stream (a table), so
-- the ops tables that name an entity accept any plain lower-case name instead of listing the Shopify ones (the
-- services check an entity against the configured stores and sources; the simulator's and Shopify's stay as they were).
do $$
declare
    t text;
begin
    foreach t in array array['ops.watermarks', 'ops.loader_counts', 'ops.loader_loads', 'ops.etl_run_loads',
                             'ops.extractor_run_items', 'ops.loader_dead_letters'] loop
        execute format('alter table %s drop constraint %I', t, split_part(t, '.', 2) || '_entity_check');
        execute format('alter table %s add constraint %I check (entity ~ ''^[a-z_][a-z0-9_]*$'')',
                       t, split_part(t, '.', 2) || '_entity_check');
    end loop;
end
$$;

-- Records of the sources besides Shopify (pipeline.sources.<name>: operational databases), one table for every stream:
-- one row per (run, source, stream, gid), the latest version of the row the run extracted, its columns as jsonb (types
-- kept: exact decimals, local timestamps as ISO text). `store` is the source instance, `entity` the stream, as in
-- RawRecord.
create table staging.source_records (
    run_id            text        not null,
    store             text        not null,
    entity            text        not null,
    gid               text        not null,
    source_updated_at timestamptz,
    extracted_at      timestamptz not null,
    payload           jsonb       not null,
    kafka_topic       text        not null,
    kafka_partition   integer     not null,
    kafka_offset      bigint      not null,
    staged_at         timestamptz not null default now(),
    primary key (run_id, store, entity, gid)
);
create index source_records_stream on staging.source_records (store, entity, run_id);

-- The Olist dataset (sql/models/olist): staging (typed and cleaned, one row per source row, newest version kept),
-- intermediate (enriched items, payments per order) and the marts. Every table has the source instance as the first
-- key column, so two Olist-shaped sources never collide.
create schema if not exists olist_staging;
create schema if not exists olist_intermediate;
create schema if not exists olist;

create table olist_staging.orders (
    source                        text        not null,
    order_id                      text        not null,
    customer_id                   text,
    order_status                  text,
    order_purchase_timestamp      timestamp,
    order_approved_at             timestamp,
    order_delivered_carrier_date  timestamp,
    order_delivered_customer_date timestamp,
    order_estimated_delivery_date timestamp,
    source_updated_at             timestamptz,
    loaded_run_id                 text        not null,
    primary key (source, order_id)
);

create table olist_staging.order_items (
    source              text           not null,
    order_id            text           not null,
    order_item_id       integer        not null,
    product_id          text,
    seller_id           text,
    shipping_limit_date timestamp,
    price               numeric(12, 2),
    freight_value       numeric(12, 2),
    loaded_run_id       text           not null,
    primary key (source, order_id, order_item_id)
);

create table olist_staging.order_payments (
    source               text           not null,
    order_id             text           not null,
    payment_sequential   integer        not null,
    payment_type         text,
    payment_installments integer,
    payment_value        numeric(12, 2),
    loaded_run_id        text           not null,
    primary key (source, order_id, payment_sequential)
);

create table olist_staging.order_reviews (
    source                  text        not null,
    review_id               text        not null,
    order_id                text        not null,
    review_score            integer,
    review_comment_title    text,
    review_comment_message  text,
    review_creation_date    timestamp,
    review_answer_timestamp timestamp,
    source_updated_at       timestamptz,
    loaded_run_id           text        not null,
    primary key (source, review_id, order_id)
);

create table olist_staging.customers (
    source                   text not null,
    customer_id              text not null,
    customer_unique_id       text,
    customer_zip_code_prefix text,
    customer_city            text,
    customer_state           text,
    loaded_run_id            text not null,
    primary key (source, customer_id)
);

create table olist_staging.products (
    source                     text not null,
    product_id                 text not null,
    product_category_name      text,
    product_name_length        numeric(8, 1),
    product_description_length numeric(8, 1),
    product_photos_qty         integer,
    product_weight_g           numeric(12, 1),
    product_length_cm          numeric(8, 1),
    product_height_cm          numeric(8, 1),
    product_width_cm           numeric(8, 1),
    loaded_run_id              text not null,
    primary key (source, product_id)
);

create table olist_staging.sellers (
    source                 text not null,
    seller_id              text not null,
    seller_zip_code_prefix text,
    seller_city            text,
    seller_state           text,
    loaded_run_id          text not null,
    primary key (source, seller_id)
);

create table olist_staging.geolocation (
    source                      text             not null,
    geolocation_zip_code_prefix text             not null,
    geolocation_lat             double precision not null,
    geolocation_lng             double precision not null,
    geolocation_city            text,
    geolocation_state           text,
    loaded_run_id               text             not null,
    primary key (source, geolocation_zip_code_prefix, geolocation_lat, geolocation_lng)
);

create table olist_staging.product_category_name_translation (
    source                        text not null,
    product_category_name         text not null,
    product_category_name_english text,
    loaded_run_id                 text not null,
    primary key (source, product_category_name)
);

create table olist_staging.leads_qualified (
    source             text not null,
    mql_id             text not null,
    first_contact_date date,
    landing_page_id    text,
    origin             text,
    loaded_run_id      text not null,
    primary key (source, mql_id)
);

create table olist_staging.leads_closed (
    source                        text not null,
    mql_id                        text not null,
    seller_id                     text,
    sdr_id                        text,
    sr_id                         text,
    won_date                      timestamp,
    business_segment              text,
    lead_type                     text,
    lead_behaviour_profile        text,
    has_company                   boolean,
    has_gtin                      boolean,
    average_stock                 text,
    business_type                 text,
    declared_product_catalog_size numeric(12, 1),
    declared_monthly_revenue      numeric(16, 2),
    loaded_run_id                 text not null,
    primary key (source, mql_id)
);

create table olist_intermediate.order_items_enriched (
    source                        text           not null,
    order_id                      text           not null,
    order_item_id                 integer        not null,
    product_id                    text,
    product_category_name         text,
    product_category_name_english text,
    seller_id                     text,
    seller_city                   text,
    seller_state                  text,
    price                         numeric(12, 2),
    freight_value                 numeric(12, 2),
    computed_run_id               text           not null,
    primary key (source, order_id, order_item_id)
);

create table olist_intermediate.order_payments_summary (
    source           text           not null,
    order_id         text           not null,
    payments         integer        not null,
    paid_total       numeric(14, 2) not null,
    payment_types    text[]         not null,
    max_installments integer,
    computed_run_id  text           not null,
    primary key (source, order_id)
);

create table olist.fct_orders (
    source                   text           not null,
    order_id                 text           not null,
    customer_id              text,
    customer_unique_id       text,
    customer_state           text,
    order_status             text,
    purchased_at             timestamp,
    purchase_date            date,
    approved_at              timestamp,
    delivered_at             timestamp,
    estimated_delivery_date  date,
    items                    integer        not null,
    items_total              numeric(14, 2) not null,
    freight_total            numeric(14, 2) not null,
    paid_total               numeric(14, 2) not null,
    delivery_days            numeric(8, 2),
    delivered_late           boolean,
    review_score             numeric(4, 2),
    computed_run_id          text           not null,
    primary key (source, order_id)
);

create table olist.fct_order_items (like olist_intermediate.order_items_enriched including all);

create table olist.fct_reviews (
    source                  text        not null,
    review_id               text        not null,
    order_id                text        not null,
    review_score            integer,
    review_comment_title    text,
    review_comment_message  text,
    review_creation_date    timestamp,
    review_answer_timestamp timestamp,
    order_known             boolean     not null,
    computed_run_id         text        not null,
    primary key (source, review_id, order_id)
);

create table olist.dim_customers (
    source                   text           not null,
    customer_unique_id       text           not null,
    customer_zip_code_prefix text,
    customer_city            text,
    customer_state           text,
    orders                   integer        not null,
    first_purchase_at        timestamp,
    last_purchase_at         timestamp,
    paid_total               numeric(14, 2) not null,
    computed_run_id          text           not null,
    primary key (source, customer_unique_id)
);

create table olist.dim_products (
    source                        text not null,
    product_id                    text not null,
    product_category_name         text,
    product_category_name_english text,
    product_weight_g              numeric(12, 1),
    product_photos_qty            integer,
    computed_run_id               text not null,
    primary key (source, product_id)
);

create table olist.dim_sellers (
    source                 text           not null,
    seller_id              text           not null,
    seller_zip_code_prefix text,
    seller_city            text,
    seller_state           text,
    items_sold             integer        not null,
    revenue                numeric(14, 2) not null,
    computed_run_id        text           not null,
    primary key (source, seller_id)
);

create table olist.daily_sales (
    source          text           not null,
    sales_date      date           not null,
    orders          integer        not null,
    items           integer        not null,
    items_total     numeric(14, 2) not null,
    freight_total   numeric(14, 2) not null,
    paid_total      numeric(14, 2) not null,
    computed_run_id text           not null,
    primary key (source, sales_date)
);

create table olist.delivery_performance_by_state (
    source              text           not null,
    customer_state      text           not null,
    delivered_orders    integer        not null,
    avg_delivery_days   numeric(8, 2),
    late_orders         integer        not null,
    late_share          numeric(6, 4),
    computed_run_id     text           not null,
    primary key (source, customer_state)
);

create table olist.seller_funnel (
    source            text          not null,
    origin            text          not null,
    qualified_leads   integer       not null,
    closed_deals      integer       not null,
    conversion_rate   numeric(6, 4),
    sellers_selling   integer       not null,
    computed_run_id   text          not null,
    primary key (source, origin)
);
