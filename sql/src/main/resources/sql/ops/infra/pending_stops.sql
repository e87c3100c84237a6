-- The postponed stops, with how long ago each was asked for (seconds).
select instance_id, reason, postponements, extract(epoch from now() - requested_at)::bigint as waited_seconds
  from ops.infra_pending_stops
 order by requested_at
