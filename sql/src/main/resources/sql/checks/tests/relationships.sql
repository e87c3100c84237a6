-- Declared test "relationships" (dbt's): the rows of ${model} whose ${columns} (none of them null) name no row of
-- ${to} (${fields}); a composite reference is tested as one. failures: how many rows; examples: up to 5 of the
-- references that point nowhere.
with failures as (
    select ${child_columns}
    from ${model} c
    where (${where}) and ${columns_not_null}
      and not exists (select 1 from ${to} p where ${join})
)
select (select count(*) from failures) as failures,
       (select jsonb_agg(to_jsonb(e)) from (select distinct * from failures order by 1 limit 5) e) as examples
