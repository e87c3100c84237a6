-- Olist intermediate: every staged order item with its product's category, in English where the translation has it
-- (a product without a category, or a category without a translation, keeps what it has: the marts show it as it is),
-- and its seller's city and state. Full refresh of the run's sources (etl.dataset_sources).
delete from olist_intermediate.order_items_enriched where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist_intermediate.order_items_enriched (source, order_id, order_item_id, product_id,
        product_category_name, product_category_name_english, seller_id, seller_city, seller_state, price,
        freight_value, computed_run_id)
    select i.source, i.order_id, i.order_item_id, i.product_id, p.product_category_name,
           t.product_category_name_english, i.seller_id, s.seller_city, s.seller_state, i.price, i.freight_value,
           current_setting('etl.run_id')
    from olist_staging.order_items i
    left join olist_staging.products p on p.source = i.source and p.product_id = i.product_id
    left join olist_staging.product_category_name_translation t
           on t.source = p.source and t.product_category_name = p.product_category_name
    left join olist_staging.sellers s on s.source = i.source and s.seller_id = i.seller_id
    where i.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    returning 1
)
select count(*) as rows from inserted;
