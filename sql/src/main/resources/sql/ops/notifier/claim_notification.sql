-- Claims the notification owed to a run attempt (send_no 0). Returns a row when this delivery owns it: a new claim,
-- or a PENDING claim whose lease ran out (its claimer crashed mid-send) that this delivery resumes. Returns nothing
-- when the notification was already sent/failed/skipped, or another delivery is still working on it.
insert into ops.notifications as n (run_id, attempt, send_no, kind, status, event, lease_until)
values (?, ?, 0, ?, 'PENDING', cast(? as jsonb), now() + make_interval(secs => ?))
on conflict (run_id, attempt, send_no) do update
   set tries = n.tries + 1,
       lease_until = excluded.lease_until,
       event = coalesce(n.event, excluded.event)
 where n.status = 'PENDING'
   and (n.lease_until is null or n.lease_until < now())
returning n.send_no, n.kind, n.tries, n.event::text, n.datasets::text
