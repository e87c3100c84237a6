-- Marks events published: (ids as a bigint array).
update ops.outbox set published_at = now(), send_attempts = send_attempts + 1, last_error = null
where id = any (?) and published_at is null
