-- Takes one refresh of a dataset's daily quota; returns a row only while the day's count is below the cap.
insert into ops.powerbi_refresh_quota as q (dataset, quota_date, used)
values (?, ?, 1)
on conflict (dataset, quota_date) do update
   set used = q.used + 1
 where q.used < ?
returning used
