-- A claimed send whose alert could not be published (SNS failed): it stays PENDING, with why, and its lease is given
-- up, so the next try (the event inbox tries the event again) claims and resumes it.
update ops.notifications
   set detail = ?, lease_until = null
 where run_id = ? and attempt = ? and send_no = ? and status = 'PENDING'
