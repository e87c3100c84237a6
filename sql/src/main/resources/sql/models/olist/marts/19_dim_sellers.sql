-- Olist mart: the sellers with their place, the items they sold and the revenue (the items' prices). Full refresh.
delete from olist.dim_sellers where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist.dim_sellers (source, seller_id, seller_zip_code_prefix, seller_city, seller_state, items_sold,
        revenue, computed_run_id)
    select s.source, s.seller_id, s.seller_zip_code_prefix, s.seller_city, s.seller_state, count(i.order_item_id),
           coalesce(sum(i.price), 0), current_setting('etl.run_id')
    from olist_staging.sellers s
    left join olist_intermediate.order_items_enriched i on i.source = s.source and i.seller_id = s.seller_id
    where s.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    group by s.source, s.seller_id, s.seller_zip_code_prefix, s.seller_city, s.seller_state
    returning 1
)
select count(*) as rows from inserted;
