-- Olist mart: the order items as enriched (product category in English, seller's place). Full refresh.
delete from olist.fct_order_items where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist.fct_order_items
    select * from olist_intermediate.order_items_enriched where source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    returning 1
)
select count(*) as rows from inserted;
