-- The Olist shop's operational database (the public "Brazilian E-Commerce Public Dataset by Olist" and its
-- "Marketing Funnel" tables, same tables and column names, typos included: product_name_lenght). Timestamps are local
-- times of the shop's zone without an offset, as in the public files; ids are 32-hex text; zip prefixes are text (leading
-- zeros kept). Keys as the public data allows: order_reviews repeats review ids across orders, so its key is
-- (review_id, order_id); geolocation has several rows per zip prefix and no key of its own. No foreign keys: the
-- public data breaks them (reviews of unknown orders, products without a category translation), and so does this one.
create schema if not exists ${schema};

create table ${schema}.customers (
    customer_id              text primary key,
    customer_unique_id       text not null,
    customer_zip_code_prefix text not null,
    customer_city            text,
    customer_state           text
);

create table ${schema}.sellers (
    seller_id              text primary key,
    seller_zip_code_prefix text not null,
    seller_city            text,
    seller_state           text
);

create table ${schema}.product_category_name_translation (
    product_category_name         text primary key,
    product_category_name_english text not null
);

create table ${schema}.products (
    product_id                 text primary key,
    product_category_name      text,
    product_name_lenght        numeric(6, 1),
    product_description_lenght numeric(6, 1),
    product_photos_qty         integer,
    product_weight_g           numeric(10, 1),
    product_length_cm          numeric(6, 1),
    product_height_cm          numeric(6, 1),
    product_width_cm           numeric(6, 1)
);

create table ${schema}.geolocation (
    geolocation_zip_code_prefix text not null,
    geolocation_lat             double precision not null,
    geolocation_lng             double precision not null,
    geolocation_city            text,
    geolocation_state           text,
    primary key (geolocation_zip_code_prefix, geolocation_lat, geolocation_lng)
);

create table ${schema}.orders (
    order_id                      text primary key,
    customer_id                   text not null,
    order_status                  text not null,
    order_purchase_timestamp      timestamp not null,
    order_approved_at             timestamp,
    order_delivered_carrier_date  timestamp,
    order_delivered_customer_date timestamp,
    order_estimated_delivery_date timestamp
);
-- the extraction cursor of orders: the latest of their own timestamps (Olist keeps no updated_at)
create index orders_latest_change on ${schema}.orders ((greatest(order_purchase_timestamp, order_approved_at,
    order_delivered_carrier_date, order_delivered_customer_date)), order_id);

create table ${schema}.order_items (
    order_id            text not null,
    order_item_id       integer not null,
    product_id          text not null,
    seller_id           text not null,
    shipping_limit_date timestamp not null,
    price               numeric(10, 2) not null,
    freight_value       numeric(10, 2) not null,
    primary key (order_id, order_item_id)
);

create table ${schema}.order_payments (
    order_id             text not null,
    payment_sequential   integer not null,
    payment_type         text not null,
    payment_installments integer not null,
    payment_value        numeric(10, 2) not null,
    primary key (order_id, payment_sequential)
);

create table ${schema}.order_reviews (
    review_id               text not null,
    order_id                text not null,
    review_score            integer not null,
    review_comment_title    text,
    review_comment_message  text,
    review_creation_date    timestamp not null,
    review_answer_timestamp timestamp,
    primary key (review_id, order_id)
);
create index order_reviews_latest_change on ${schema}.order_reviews ((greatest(review_creation_date,
    review_answer_timestamp)), review_id, order_id);

create table ${schema}.leads_qualified (
    mql_id             text primary key,
    first_contact_date date not null,
    landing_page_id    text,
    origin             text
);

create table ${schema}.leads_closed (
    mql_id                        text primary key,
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
    declared_product_catalog_size numeric(10, 1),
    declared_monthly_revenue      numeric(14, 2)
);
