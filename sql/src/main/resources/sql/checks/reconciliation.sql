-- Reconciliation of a run, after its merges: for every store x entity the extractor observed (the observation it
-- sent with etl.extract.completed, passed on by the loader: ops.etl_run_loads.extracted), the source's figures against
-- what the run staged and the warehouse holds. One row per (store, entity, metric) in ops.reconciliation:
--   records        every entity: the distinct records the extractor published = rows the run staged. Fewer staged
--                  while the loader dead-lettered at least as many as are missing is a WARN (the dead_letters checks
--                  gate those); any other difference is an ERROR (a record lost, or one the extractor never sent).
--   shopify_count  orders, customers, products: Shopify's own count of the records updated in [countFrom, countTo),
--                  asked after the extraction = the run's staged records with their updated_at in that window, less
--                  those the run's deletions name. A difference while records changed during the extraction (staged
--                  with updated_at at or after countTo, or deleted by the run), or against a count Shopify gave only
--                  as a lower bound, is a window edge: WARN, with the explanation; otherwise an ERROR.
--   total_price, total_refunded (shop money), line_quantity (ordered units)   orders: the extractor's sums over the
--                  newest version of each order it saw = the same sums over the warehouse's rows of the run's staged
--                  orders (fact_orders, fact_order_lines). Money matches to the cent or fails. A difference is an
--                  ERROR unless the warehouse kept a newer version of some of those orders than the run brought (a
--                  replay of an older window): WARN.
--   refunds_listed refunds: the refunds the run's orders listed (each asked by GID) = the refund records the run
--                  staged. Fewer, by no more than the refunds that were gone when asked (their order deleted during the
--                  run), is a WARN; any other difference is an ERROR (a refund whose details are missing).
--   refund_line_quantity, refund_line_subtotal (shop money)   refunds: the extractor's sums over the refund lines of
--                  the refunds it published = the same sums over fact_refund_lines of the run's staged refunds. A
--                  difference is an ERROR unless the warehouse kept newer details of some of them (a replay): WARN.
--   deletions_without_event   ids (a run with the store's id sweep): the subjects the sweep found deleted with no
--                  destroy event left (warehouse.deleted_records found_by 'sweep' of the run); OK when none, otherwise
--                  a WARN listing them by type (they are marked deleted as of the sweep; the events had expired).
-- A load without an observation (a replay from Kafka or the archive, an event of the older format) is not reconciled.
-- Results replace the run's earlier ones (a replay of the merges). Setting: etl.run_id.

delete from ops.reconciliation where run_id = current_setting('etl.run_id');

create temporary table reconcile_loads on commit drop as
select l.store, l.entity, l.dead_lettered_count, l.extracted
from ops.etl_run_loads l
where l.run_id = current_setting('etl.run_id') and l.status = 'SUCCEEDED' and l.extracted is not null;

create temporary table reconcile_staged on commit drop as
select 'orders'::text as entity, s.store, s.gid, s.source_updated_at
from staging.orders s where s.run_id = current_setting('etl.run_id')
union all
select 'customers', s.store, s.gid, s.source_updated_at
from staging.customers s where s.run_id = current_setting('etl.run_id')
union all
select 'products', s.store, s.gid, s.source_updated_at
from staging.products s where s.run_id = current_setting('etl.run_id')
union all
select 'inventory', s.store, s.gid, s.source_updated_at
from staging.inventory s where s.run_id = current_setting('etl.run_id')
union all
select 'deletions', s.store, s.gid, s.source_updated_at
from staging.deletions s where s.run_id = current_setting('etl.run_id')
union all
select 'ids', s.store, s.gid, s.source_updated_at
from staging.ids s where s.run_id = current_setting('etl.run_id')
union all
select 'refunds', s.store, s.gid, s.source_updated_at
from staging.refunds s where s.run_id = current_setting('etl.run_id');

-- records ---------------------------------------------------------------------------------------------------------
insert into ops.reconciliation (run_id, store, entity, metric, source, warehouse, difference, status, note)
select current_setting('etl.run_id'), r.store, r.entity, 'records', r.source, r.warehouse, r.warehouse - r.source,
       case when r.warehouse = r.source then 'OK'
            when r.warehouse < r.source and r.warehouse + r.dead_lettered_count >= r.source then 'WARN'
            else 'ERROR' end,
       case when r.warehouse <> r.source then 'the extractor published ' || r.source || ' records; the run staged '
           || r.warehouse || ' and dead-lettered ' || r.dead_lettered_count end
from (select l.store, l.entity, l.dead_lettered_count, (l.extracted ->> 'records')::numeric as source,
             st.staged as warehouse
      from reconcile_loads l
      cross join lateral (select count(*) as staged from reconcile_staged s
                          where s.entity = l.entity and s.store = l.store) st) r;

-- Shopify's own count of the window ---------------------------------------------------------------------------------
insert into ops.reconciliation (run_id, store, entity, metric, source, warehouse, difference, status, note)
select current_setting('etl.run_id'), c.store, c.entity, 'shopify_count', c.source, c.warehouse, c.warehouse - c.source,
       case when c.warehouse = c.source then 'OK'
            when c.changed_after > 0 or c.deleted > 0 or c.precision <> 'EXACT' then 'WARN'
            else 'ERROR' end,
       case when c.warehouse = c.source then null
            when c.changed_after > 0 or c.deleted > 0 or c.precision <> 'EXACT' then 'window edge: ' || c.changed_after
                || ' records changed after the window closed at ' || c.count_to || ', ' || c.deleted
                || ' were deleted during the run' || case when c.precision <> 'EXACT'
                                                          then ', and Shopify''s count is ' || c.precision else '' end
            else 'Shopify counts ' || c.source || ' records updated in [' || coalesce(c.count_from::text, 'the beginning')
                || ', ' || c.count_to || '); the run staged ' || c.warehouse || ' of them' end
from (select l.store, l.entity, (l.extracted ->> 'shopifyCount')::numeric as source,
             coalesce(l.extracted ->> 'shopifyCountPrecision', 'EXACT') as precision,
             w.count_from, w.count_to, w.in_window as warehouse, w.changed_after, w.deleted
      from reconcile_loads l
      cross join lateral (
          select b.count_from, b.count_to,
                 count(s.gid) filter (where (b.count_from is null or s.source_updated_at >= b.count_from)
                                        and s.source_updated_at < b.count_to and d.gid is null)      as in_window,
                 count(s.gid) filter (where s.source_updated_at >= b.count_to)                       as changed_after,
                 count(d.gid)                                                                         as deleted
          from (select (l.extracted ->> 'countFrom')::timestamptz as count_from,
                       (l.extracted ->> 'countTo')::timestamptz   as count_to) b
          left join reconcile_staged s on s.entity = l.entity and s.store = l.store
          left join reconcile_staged d on d.entity = 'deletions' and d.store = s.store and d.gid = s.gid
          group by b.count_from, b.count_to) w
      where l.extracted ->> 'shopifyCount' is not null) c;

-- orders: money and units -------------------------------------------------------------------------------------------
insert into ops.reconciliation (run_id, store, entity, metric, source, warehouse, difference, status, note)
select current_setting('etl.run_id'), o.store, 'orders', m.metric, m.source, m.warehouse, m.warehouse - m.source,
       case when m.warehouse = m.source then 'OK' when o.newer > 0 then 'WARN' else 'ERROR' end,
       case when m.warehouse = m.source then null
            when o.newer > 0 then o.newer || ' of the run''s orders have a newer version in the warehouse than the run'
                || ' brought (a replay of an older window)'
            else 'the extractor saw ' || round(m.source, m.scale) || ', the warehouse holds '
                || round(m.warehouse, m.scale) || ' for the run''s '
                || o.orders || ' orders' || case when o.missing > 0 then ' (' || o.missing || ' not in fact_orders)'
                                                 else '' end end
from (select l.store, l.extracted,
             count(*)                                                     as orders,
             count(*) filter (where f.order_id is null)                   as missing,
             count(*) filter (where f.updated_at > s.source_updated_at)   as newer,
             coalesce(sum(f.total_price), 0)                              as total_price,
             coalesce(sum(coalesce(f.total_refunded, 0)), 0)              as total_refunded,
             coalesce(sum(q.quantity), 0)                                 as line_quantity
      from reconcile_loads l
      join reconcile_staged s on s.entity = 'orders' and s.store = l.store
      left join warehouse.fact_orders f
             on f.store = s.store and f.order_id = substring(s.gid from '/(\d+)$')::bigint
      left join lateral (select sum(fl.quantity) as quantity from warehouse.fact_order_lines fl
                         where fl.store = f.store and fl.order_id = f.order_id) q on true
      where l.entity = 'orders'
      group by l.store, l.extracted) o
cross join lateral (values ('total_price', (o.extracted #>> '{sums,total_price}')::numeric, o.total_price, 2),
                           ('total_refunded', (o.extracted #>> '{sums,total_refunded}')::numeric, o.total_refunded, 2),
                           ('line_quantity', (o.extracted #>> '{sums,line_quantity}')::numeric,
                            o.line_quantity::numeric, 0))
    m(metric, source, warehouse, scale)
where m.source is not null;

-- refunds: every listed refund's details, and their lines' units and money -----------------------------------------
insert into ops.reconciliation (run_id, store, entity, metric, source, warehouse, difference, status, note)
select current_setting('etl.run_id'), r.store, 'refunds', 'refunds_listed', r.listed, r.staged, r.staged - r.listed,
       case when r.staged = r.listed then 'OK'
            when r.staged < r.listed and r.listed - r.staged <= r.gone then 'WARN'
            else 'ERROR' end,
       case when r.staged = r.listed then null
            when r.staged < r.listed and r.listed - r.staged <= r.gone then r.gone || ' of the refunds the run''s orders'
                || ' list were gone when their details were asked (their order deleted during the run)'
            else 'the run''s orders list ' || r.listed || ' refunds; the run staged the details of ' || r.staged end
from (select l.store, (l.extracted #>> '{sums,refunds_listed}')::numeric as listed,
             coalesce((l.extracted #>> '{sums,refunds_gone}')::numeric, 0) as gone,
             (select count(*) from reconcile_staged s where s.entity = 'refunds' and s.store = l.store) as staged
      from reconcile_loads l
      where l.entity = 'refunds' and l.extracted #>> '{sums,refunds_listed}' is not null) r;

insert into ops.reconciliation (run_id, store, entity, metric, source, warehouse, difference, status, note)
select current_setting('etl.run_id'), r.store, 'refunds', m.metric, m.source, m.warehouse, m.warehouse - m.source,
       case when m.warehouse = m.source then 'OK' when r.newer > 0 then 'WARN' else 'ERROR' end,
       case when m.warehouse = m.source then null
            when r.newer > 0 then r.newer || ' of the run''s refunds have newer details in the warehouse than the run'
                || ' brought (a replay of an older window)'
            else 'the extractor saw ' || round(m.source, m.scale) || ', the warehouse holds '
                || round(m.warehouse, m.scale) || ' for the run''s ' || r.refunds || ' refunds'
                || case when r.missing > 0 then ' (' || r.missing || ' not in fact_refunds)' else '' end end
from (select l.store, l.extracted,
             count(s.gid)                                                    as refunds,
             count(s.gid) filter (where f.refund_id is null)                 as missing,
             count(*) filter (where f.details_updated_at > s.source_updated_at) as newer,
             coalesce(sum(q.quantity), 0)                                    as quantity,
             coalesce(sum(q.subtotal), 0)                                    as subtotal
      from reconcile_loads l  -- a load of no refund is reconciled too: zero against zero
      left join reconcile_staged s on s.entity = 'refunds' and s.store = l.store
      left join warehouse.fact_refunds f
             on f.store = s.store and f.refund_id = substring(s.gid from '/(\d+)$')::bigint
      left join lateral (select sum(rl.quantity) as quantity, sum(rl.subtotal) as subtotal
                         from warehouse.fact_refund_lines rl
                         where rl.store = f.store and rl.refund_id = f.refund_id) q on true
      where l.entity = 'refunds'
      group by l.store, l.extracted) r
cross join lateral (values ('refund_line_quantity', (r.extracted #>> '{sums,refund_line_quantity}')::numeric,
                            r.quantity::numeric, 0),
                           ('refund_line_subtotal', (r.extracted #>> '{sums,refund_line_subtotal}')::numeric,
                            r.subtotal, 2))
    m(metric, source, warehouse, scale)
where m.source is not null;

-- the id sweep: deletions the events missed ------------------------------------------------------------------------
insert into ops.reconciliation (run_id, store, entity, metric, source, warehouse, difference, status, note)
select current_setting('etl.run_id'), l.store, 'ids', 'deletions_without_event', f.found, f.found, 0,
       case when f.found = 0 then 'OK' else 'WARN' end,
       case when f.found > 0 then f.found || ' deleted in Shopify with no destroy event left, found by the id sweep ('
           || f.by_type || ') and marked deleted as of the sweep' end
from reconcile_loads l
cross join lateral (select coalesce(sum(t.n), 0) as found,
                           string_agg(t.subject_type || ' ' || t.n, ', ' order by t.subject_type) as by_type
                    from (select r.subject_type, count(*) as n from warehouse.deleted_records r
                          where r.loaded_run_id = current_setting('etl.run_id') and r.store = l.store
                            and r.found_by = 'sweep'
                          group by r.subject_type) t) f
where l.entity = 'ids';

select count(*) as checks_run from ops.reconciliation where run_id = current_setting('etl.run_id');
