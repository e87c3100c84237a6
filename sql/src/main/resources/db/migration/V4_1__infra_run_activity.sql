-- infra-scheduler-service: the runs it has seen start and finish (etl.run.started / etl.transform.completed), so a
-- restart does not forget a run in progress, and the host stops it has postponed because of one.

create table ops.infra_run_activity (
    run_id            text        primary key,
    started_at        timestamptz,
    finished_at       timestamptz,
    seen_at           timestamptz not null default now()
);

create table ops.infra_pending_stops (
    instance_id       text        primary key,
    requested_at      timestamptz not null default now(),
    reason            text        not null,
    postponements     integer     not null default 0,
    last_checked_at   timestamptz
);
