-- Declared tests (sql/models/<dataset>/<layer>/tests.yml, dbt's generic tests): each result row of ops.dq_results
-- says which dataset and model it tested and what kind of test it was, and keeps a few of the failing keys. The
-- hand-written checks of sql/checks/data_quality.sql leave these columns null.
alter table ops.dq_results
    add column dataset   text,
    add column model     text,
    add column test_kind text,
    add column examples  jsonb;
