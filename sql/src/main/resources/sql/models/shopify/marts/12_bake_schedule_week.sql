-- mart.bake_schedule_week: this week's cake requests (week of etl.as_of in the store's time zone, starting on the
-- configured ISO weekday etl.week_start_isodow), one row per request (deposit + remaining order paired in
-- mart.bakery_orders), shown when the deposit or the remaining order is PAID. Full refresh by the run.

delete from mart.bake_schedule_week;

insert into mart.bake_schedule_week
    (store, request_key, event_datetime, event_local, customer_name, customer_email, flavor, theme, details,
     deposit_order_id, deposit_order_name, deposit_status, remaining_order_id, remaining_order_name,
     remaining_status, week_start, computed_run_id)
with week as (
    select st.store, st.time_zone,
           d.local_today - ((extract(isodow from d.local_today)::int - current_setting('etl.week_start_isodow')::int + 7) % 7)
               as week_start
    from ops.store_settings st
    cross join lateral (select (current_setting('etl.as_of')::timestamptz at time zone st.time_zone)::date as local_today) d
),
request as (
    select b.store, b.request_key, w.time_zone, w.week_start,
           min(b.event_datetime)                                                  as event_datetime,
           max(b.customer_name)                                                   as customer_name,
           max(b.email)                                                           as customer_email,
           max(b.flavor)                                                          as flavor,
           max(b.theme)                                                           as theme,
           max(b.details)                                                         as details,
           (array_agg(b.order_id order by b.financial_status = 'PAID' desc, b.order_id desc)
               filter (where b.order_type = 'deposit'))[1]                       as deposit_order_id,
           (array_agg(b.order_id order by b.financial_status = 'PAID' desc, b.order_id desc)
               filter (where b.order_type = 'remaining'))[1]                     as remaining_order_id
    from mart.bakery_orders b
    join week w on w.store = b.store
    group by b.store, b.request_key, w.time_zone, w.week_start
)
select r.store, r.request_key, r.event_datetime, r.event_datetime at time zone r.time_zone,
       r.customer_name, r.customer_email, r.flavor, r.theme,
       coalesce(r.details, (select string_agg(l.quantity || ' x ' || l.title, '; ' order by l.order_id, l.line_item_id)
                            from warehouse.fact_order_lines l
                            where l.store = r.store and l.order_id in (r.deposit_order_id, r.remaining_order_id))),
       dep.order_id, dep.order_name, dep.financial_status,
       rem.order_id, rem.order_name, rem.financial_status,
       r.week_start, current_setting('etl.run_id')
from request r
left join warehouse.fact_orders dep on dep.store = r.store and dep.order_id = r.deposit_order_id
left join warehouse.fact_orders rem on rem.store = r.store and rem.order_id = r.remaining_order_id
where (r.event_datetime at time zone r.time_zone)::date >= r.week_start
  and (r.event_datetime at time zone r.time_zone)::date < r.week_start + 7
  and (dep.financial_status = 'PAID' or rem.financial_status = 'PAID');

select count(*) as merged_rows from mart.bake_schedule_week;
