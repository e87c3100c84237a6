-- A timestamp from the server between two merge jobs of the floor (psql -v job=...): the job's seconds are the
-- difference to the previous mark, with no psql start-up or connection in between.
select 'floor-mark', :'job', extract(epoch from clock_timestamp());
