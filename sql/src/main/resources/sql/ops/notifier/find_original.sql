-- The event-driven notification (send_no 0) of a run attempt (null = the run's latest attempt), for a replay.
select attempt, kind, status, event::text, coalesce(lease_until > now(), false) as leased
  from ops.notifications
 where run_id = ?
   and send_no = 0
   and attempt = coalesce(cast(? as integer), (select max(a.attempt) from ops.notifications a where a.run_id = ?))
