-- The claimer of a send is still working on it (polling a refresh): its lease is extended. Params: lease seconds,
-- run id, attempt, send no.
update ops.notifications
   set lease_until = now() + make_interval(secs => ?)
 where run_id = ? and attempt = ? and send_no = ? and status = 'PENDING'
