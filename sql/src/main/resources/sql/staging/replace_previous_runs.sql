-- "Truncate before load" per (store, entity): once a run is declared loaded, the rows of every run declared before
-- it for the same store and entity go, in the same transaction (the transformer never sees a half-replaced table).
-- Runs still being staged (not declared yet) keep their rows.
delete from staging.${entity} s
using ops.loader_loads l
where l.store = ? and l.entity = '${entity}' and l.run_id <> ?
  and s.store = l.store and s.run_id = l.run_id
