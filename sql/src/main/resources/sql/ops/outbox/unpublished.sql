-- A service's events not published yet, oldest first, with their age: (service, how many).
select id, topic, event_key, payload::text as payload,
       (extract(epoch from clock_timestamp() - created_at) * 1000)::bigint as age_ms
from ops.outbox
where service = ? and published_at is null
order by id
limit ?
