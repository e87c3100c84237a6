-- Records how one Power BI dataset's refresh stands, so a resumed send neither asks twice nor loses the outcome.
update ops.notifications
   set datasets = datasets || jsonb_build_object(cast(? as text), cast(? as jsonb))
 where run_id = ? and attempt = ? and send_no = ? and status = 'PENDING'
