-- Declared test "accepted_values" (dbt's): the rows of ${model} whose ${column} is not one of the accepted values (the
-- parameter, a text array); nulls are left to not_null. failures: how many rows; examples: up to 5 of the values
-- found, with their row counts.
with failures as (
    select ${column}::text as value, count(*) as rows_with_value
    from ${model}
    where (${where}) and ${column} is not null and not (${column}::text = any (?::text[]))
    group by 1
)
select (select coalesce(sum(rows_with_value), 0) from failures) as failures,
       (select jsonb_agg(to_jsonb(e)) from (select * from failures order by rows_with_value desc, value limit 5) e) as examples
