-- What the source holds of a child stream in its parent's window (reconciliation): its rows whose parent's cursor lies
-- in [lower, upper), and the sums of its configured columns. Placeholders: table, parent_table, parent_cursor,
-- parent_columns, join, sums (", sum(c.c1), ..." or nothing), lower ("and p._cursor >= ?" or nothing).
-- Parameters: upper, [lower].
select count(*) ${sums}
from ${table} c
join (select ${parent_columns}, (${parent_cursor}) as _cursor from ${parent_table}) p on ${join}
where p._cursor < ? ${lower}
