-- notifier-service: what each notification did, and the Power BI refresh quota.
--
-- ops.notifications keeps one row per (run, attempt) for the notification its etl.transform.completed event is owed
-- (send_no = 0, claimed once however often the event is delivered: rule 3), plus one row per operator replay
-- (send_no = 1, 2, ...). A claimed row is PENDING until the send is recorded as SENT / FAILED / SKIPPED; the claimer
-- holds a lease, and a redelivered event (or a replay) may resume a PENDING row only once that lease has expired
-- (the claimer crashed). A row that left PENDING is never sent again by an event.

alter table ops.notifications add column send_no integer not null default 0;
alter table ops.notifications add column event jsonb;
-- per configured Power BI dataset: {"state": REQUESTED|COMPLETED|FAILED|DENIED|SKIPPED, "detail": ..., "requestId": ...}
alter table ops.notifications add column datasets jsonb not null default '{}'::jsonb;
-- how many deliveries worked on the row (1, +1 for each resume after a crash)
alter table ops.notifications add column tries integer not null default 1;
alter table ops.notifications add column lease_until timestamptz;

alter table ops.notifications drop constraint notifications_pkey;
alter table ops.notifications add primary key (run_id, attempt, send_no);

-- Power BI allows a limited number of refreshes per dataset and day (8 on shared capacity): one row per dataset and
-- quota day counts the refreshes the notifier asked for.
create table ops.powerbi_refresh_quota (
    dataset           text        not null,
    quota_date        date        not null,
    used              integer     not null,
    primary key (dataset, quota_date)
);
