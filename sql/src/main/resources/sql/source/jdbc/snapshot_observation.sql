-- What the source holds of a snapshot stream (reconciliation): every row, and the sums of its configured columns.
-- Placeholders: table, sums (", sum(t.c1), ..." or nothing).
select count(*) ${sums}
from ${table} t
