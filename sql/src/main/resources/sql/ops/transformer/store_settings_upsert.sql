-- The configured settings of one store. Params: store, channel, time zone, inventory priority, currency.
insert into ops.store_settings (store, channel, time_zone, inventory_priority, currency)
values (?, ?, ?, ?, ?)
on conflict (store) do update
    set channel = excluded.channel, time_zone = excluded.time_zone,
        inventory_priority = excluded.inventory_priority, currency = excluded.currency, updated_at = now()
    where (ops.store_settings.channel, ops.store_settings.time_zone, ops.store_settings.inventory_priority,
           ops.store_settings.currency)
          is distinct from (excluded.channel, excluded.time_zone, excluded.inventory_priority, excluded.currency)
