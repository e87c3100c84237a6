-- One keyset chunk of a child stream (a table without its own timestamp, e.g. an order's items): its rows whose parent
-- lies in the parent's window, ordered by (the parent's cursor, the child's key); the parent's cursor is _cursor.
-- Placeholders: table, parent_table, parent_cursor, parent_columns (the parent's key columns), join (p.k = c.fk ...),
-- key (c.k1, ...), lower ("and p._cursor >= ?" or nothing), after ("and (p._cursor, c.k1, ...) > (?, ...)" or nothing).
-- Parameters: [lower], upper, [after...], chunk size.
select c.*, p._cursor
from ${table} c
join (select ${parent_columns}, (${parent_cursor}) as _cursor from ${parent_table}) p on ${join}
where p._cursor < ? ${lower} ${after}
order by p._cursor, ${key}
limit ?
