-- Olist intermediate: an order's payments in one row (how many, the total paid, the kinds, the most instalments).
-- Full refresh of the run's sources.
delete from olist_intermediate.order_payments_summary where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist_intermediate.order_payments_summary (source, order_id, payments, paid_total, payment_types,
        max_installments, computed_run_id)
    select p.source, p.order_id, count(*), coalesce(sum(p.payment_value), 0),
           coalesce(array_agg(distinct p.payment_type order by p.payment_type) filter (where p.payment_type is not null), '{}'),
           max(p.payment_installments), current_setting('etl.run_id')
    from olist_staging.order_payments p
    where p.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    group by p.source, p.order_id
    returning 1
)
select count(*) as rows from inserted;
