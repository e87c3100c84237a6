-- One keyset chunk of an incremental stream: the rows whose cursor lies in [lower, upper), after the last row of the
-- previous chunk by (cursor, key), in (cursor, key) order; never OFFSET. The cursor is the stream's column or
-- expression over the table's own columns, named _cursor. Placeholders: table, cursor, key (s.k1, s.k2),
-- lower ("and s._cursor >= ?" or nothing), after ("and (s._cursor, s.k1, ...) > (?, ?, ...)" or nothing).
-- Parameters: [lower], upper, [after...], chunk size.
select *
from (select t.*, (${cursor}) as _cursor from ${table} t) s
where s._cursor < ? ${lower} ${after}
order by s._cursor, ${key}
limit ?
