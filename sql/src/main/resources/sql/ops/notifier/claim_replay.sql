-- Replay of a run attempt's notification: a new send (send_no = the attempt's highest + 1) of the event stored with
-- the original claim. Parameters: run_id, attempt (null = the run's latest attempt), lease seconds.
insert into ops.notifications (run_id, attempt, send_no, kind, status, event, lease_until)
select o.run_id, o.attempt,
       (select max(x.send_no) + 1 from ops.notifications x where x.run_id = o.run_id and x.attempt = o.attempt),
       o.kind, 'PENDING', o.event, now() + make_interval(secs => ?)
  from ops.notifications o
 where o.run_id = ?
   and o.send_no = 0
   and o.event is not null
   and o.attempt = coalesce(cast(? as integer), (select max(a.attempt) from ops.notifications a where a.run_id = o.run_id))
returning attempt, send_no, kind, tries, event::text, datasets::text
