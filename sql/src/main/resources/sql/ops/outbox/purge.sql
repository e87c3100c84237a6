-- Forgets the events of a service published longer ago than a number of seconds: (service, seconds).
delete from ops.outbox where service = ? and published_at < now() - make_interval(secs => ?)
