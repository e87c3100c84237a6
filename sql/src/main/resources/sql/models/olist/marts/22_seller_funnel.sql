-- Olist mart: the seller funnel by the leads' origin (marketing channel): qualified leads, deals closed, the
-- conversion rate, and how many of the closed deals became sellers with at least one item sold. A lead without an
-- origin counts under 'unknown'. Full refresh.
delete from olist.seller_funnel where source = any (string_to_array(current_setting('etl.dataset_sources'), ','));

with inserted as (
    insert into olist.seller_funnel (source, origin, qualified_leads, closed_deals, conversion_rate, sellers_selling,
        computed_run_id)
    select q.source, coalesce(q.origin, 'unknown'), count(*), count(c.mql_id),
           round(count(c.mql_id)::numeric / count(*), 4),
           count(distinct c.seller_id) filter (where exists (
               select 1 from olist_staging.order_items i where i.source = c.source and i.seller_id = c.seller_id)),
           current_setting('etl.run_id')
    from olist_staging.leads_qualified q
    left join olist_staging.leads_closed c on c.source = q.source and c.mql_id = q.mql_id
    where q.source = any (string_to_array(current_setting('etl.dataset_sources'), ','))
    group by q.source, coalesce(q.origin, 'unknown')
    returning 1
)
select count(*) as rows from inserted;
