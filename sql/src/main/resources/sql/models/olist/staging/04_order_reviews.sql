-- Olist staging: order_reviews, typed and cleaned from the run's records (staging.source_records of the dataset's sources,
-- etl.dataset_sources): trimmed, empty strings to null, codes in one case, zip prefixes kept as text.
-- Incremental: the run's order_reviews rows upserted by key; an older version (by the source's cursor) never replaces a newer one.
with run_rows as (
    select r.*
    from staging.source_records r
    where r.run_id = current_setting('etl.run_id')
      and r.entity = 'order_reviews'
      and r.store = any (string_to_array(current_setting('etl.dataset_sources'), ','))
),
upserted as (
    insert into olist_staging.order_reviews (source, review_id, order_id, review_score, review_comment_title, review_comment_message, review_creation_date, review_answer_timestamp, source_updated_at, loaded_run_id)
    select r.store,
           nullif(trim(r.payload ->> 'review_id'), ''),
           nullif(trim(r.payload ->> 'order_id'), ''),
           (nullif(trim(r.payload ->> 'review_score'), ''))::integer,
           nullif(trim(r.payload ->> 'review_comment_title'), ''),
           nullif(trim(r.payload ->> 'review_comment_message'), ''),
           (nullif(trim(r.payload ->> 'review_creation_date'), ''))::timestamp,
           (nullif(trim(r.payload ->> 'review_answer_timestamp'), ''))::timestamp,
           r.source_updated_at,
           current_setting('etl.run_id')
    from run_rows r
    where nullif(trim(r.payload ->> 'review_id'), '') is not null and nullif(trim(r.payload ->> 'order_id'), '') is not null -- a row without its key is left out (reconciliation counts it)
    on conflict (source, review_id, order_id) do update set
        review_score = excluded.review_score,
        review_comment_title = excluded.review_comment_title,
        review_comment_message = excluded.review_comment_message,
        review_creation_date = excluded.review_creation_date,
        review_answer_timestamp = excluded.review_answer_timestamp,
        source_updated_at = excluded.source_updated_at,
        loaded_run_id = excluded.loaded_run_id
    where olist_staging.order_reviews.source_updated_at is null
       or excluded.source_updated_at >= olist_staging.order_reviews.source_updated_at
    returning 1
)
select count(*) as rows from upserted
