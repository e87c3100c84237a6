-- Remembers a postponed stop; a second request keeps the first one's time, so the grace period is not extended.
insert into ops.infra_pending_stops as p (instance_id, reason)
values (?, ?)
on conflict (instance_id) do update
   set postponements = p.postponements + 1, last_checked_at = now()
returning requested_at
