-- The columns of a stream's table as the source declares them (the run's source schema, compared with the previous
-- run's). No rows: only the result's metadata is read. Placeholder: table.
select t.* from ${table} t where false
