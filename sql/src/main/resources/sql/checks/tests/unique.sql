-- Declared test "unique" (dbt's): the keys ${columns} of ${model} that more than one row holds; a composite key is
-- tested as one. Rows with a null in the key are left to not_null. failures: how many keys are duplicated;
-- examples: up to 5 of them with their row counts.
with failures as (
    select ${columns}, count(*) as duplicate_rows
    from ${model}
    where (${where}) and ${columns_not_null}
    group by ${columns}
    having count(*) > 1
)
select (select count(*) from failures) as failures,
       (select jsonb_agg(to_jsonb(e)) from (select * from failures order by duplicate_rows desc, ${columns} limit 5) e) as examples
