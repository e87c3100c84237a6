-- Counts a refused send of an event and keeps its reason: (reason, id).
update ops.outbox set send_attempts = send_attempts + 1, last_error = ? where id = ?
