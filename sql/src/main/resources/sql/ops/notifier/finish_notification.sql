-- The outcome of a claimed send: SENT, FAILED or SKIPPED, with what happened; ends the claim.
update ops.notifications
   set status = ?, detail = ?, sent_at = now(), lease_until = null
 where run_id = ? and attempt = ? and send_no = ? and status = 'PENDING'
