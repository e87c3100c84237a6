-- What the source holds of an incremental stream's window, asked after the extraction (reconciliation): the rows
-- whose cursor lies in [lower, upper) and the sums of the stream's configured columns. Placeholders: table, cursor,
-- sums (", sum(t.c1), ..." or nothing), lower ("and (cursor) >= ?" or nothing). Parameters: upper, [lower].
select count(*) ${sums}
from ${table} t
where (${cursor}) < ? ${lower}
