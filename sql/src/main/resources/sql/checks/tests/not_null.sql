-- Declared test "not_null" (dbt's): the rows of ${model} whose ${column} is null. failures: how many rows;
-- examples: up to 5 of them by the model's key.
with failures as (
    select ${example_columns}
    from ${model}
    where (${where}) and ${column} is null
)
select (select count(*) from failures) as failures,
       (select jsonb_agg(to_jsonb(e)) from (select * from failures order by 1 limit 5) e) as examples
