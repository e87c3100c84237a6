-- An outgoing event, written in the caller's transaction: (service, topic, key, JSON payload).
insert into ops.outbox (service, topic, event_key, payload) values (?, ?, ?, ?::json)
