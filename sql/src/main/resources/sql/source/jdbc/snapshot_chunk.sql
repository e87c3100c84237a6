-- One keyset chunk of a snapshot stream (every row, every run): after the last key of the previous chunk, in key order.
-- Placeholders: table, key (t.k1, ...), after ("where (t.k1, ...) > (?, ...)" or nothing). Parameters: [after...],
-- chunk size.
select t.*
from ${table} t
${after}
order by ${key}
limit ?
