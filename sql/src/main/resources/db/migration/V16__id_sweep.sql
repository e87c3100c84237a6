-- The id sweep (issue 15): Shopify keeps destroy events for a limited time, so every store's GIDs are listed
-- periodically (entity "ids", shopify.ids.raw, one record per order, customer and product with its variants' GIDs)
-- into staging.ids; the first merge job marks what the warehouse holds and the sweep no longer lists as deleted
-- (warehouse.deleted_records.found_by 'sweep').

-- Every ops table that names an entity accepts the new one.
do $$
declare
    t text;
begin
    foreach t in array array['ops.watermarks', 'ops.loader_counts', 'ops.loader_loads', 'ops.etl_run_loads',
                             'ops.extractor_run_items', 'ops.loader_dead_letters'] loop
        execute format('alter table %s drop constraint %I', t, split_part(t, '.', 2) || '_entity_check');
        execute format('alter table %s add constraint %I check (entity in '
                           || '(''orders'', ''customers'', ''products'', ''inventory'', ''deletions'', ''ids''))',
                       t, split_part(t, '.', 2) || '_entity_check');
    end loop;
end
$$;

-- staging: one row per (run, store, GID the store still has); the payload is {id, updatedAt[, variants]}.
create table staging.ids (like staging.orders including all);
create index staging_ids_store_run on staging.ids (store, run_id);
