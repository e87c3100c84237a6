-- Olist mart: the products with their category in English (null where the product has none, or the category no
-- translation). Full refresh.
delete from olist.dim_products where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist.dim_products (source, product_id, product_category_name, product_category_name_english,
        product_weight_g, product_photos_qty, computed_run_id)
    select p.source, p.product_id, p.product_category_name, t.product_category_name_english, p.product_weight_g,
           p.product_photos_qty, current_setting('etl.run_id')
    from olist_staging.products p
    left join olist_staging.product_category_name_translation t
           on t.source = p.source and t.product_category_name = p.product_category_name
    where p.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    returning 1
)
select count(*) as rows from inserted;
