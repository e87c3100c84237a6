-- Olist mart: every review, also those of orders the shop does not have (order_known false: the public data has
-- them) and a review id shared by several orders (one row per review and order). Full refresh.
delete from olist.fct_reviews where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist.fct_reviews (source, review_id, order_id, review_score, review_comment_title,
        review_comment_message, review_creation_date, review_answer_timestamp, order_known, computed_run_id)
    select v.source, v.review_id, v.order_id, v.review_score, v.review_comment_title, v.review_comment_message,
           v.review_creation_date, v.review_answer_timestamp,
           exists (select 1 from olist_staging.orders o where o.source = v.source and o.order_id = v.order_id), current_setting('etl.run_id')
    from olist_staging.order_reviews v
    where v.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    returning 1
)
select count(*) as rows from inserted;
