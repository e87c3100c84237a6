-- The transactional outbox: an event that follows a database write is written in the same transaction as that write,
-- as a row here; each service's relay publishes its own rows in order and marks them (published_at). After a crash
-- the relay publishes what is left; consumers tolerate the duplicate of an event published but not yet marked.
create table ops.outbox (
    id            bigserial primary key,
    service       text        not null,
    topic         text        not null,
    event_key     text,
    payload       json        not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    send_attempts integer     not null default 0,
    last_error    text
);

create index outbox_unpublished on ops.outbox (service, id) where published_at is null;
create index outbox_published_at on ops.outbox (published_at) where published_at is not null;
