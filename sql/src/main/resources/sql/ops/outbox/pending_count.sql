-- How many events of a service wait to be published, and since when: (service).
select count(*), min(created_at) from ops.outbox where service = ? and published_at is null
