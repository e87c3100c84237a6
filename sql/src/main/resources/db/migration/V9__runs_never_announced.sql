-- A run whose loads reached the transformer but whose etl.run.started never did is still ended (FAILED, alerted)
-- after the barrier timeout: the transformer records it with the trigger it could not know.
alter table ops.etl_runs drop constraint etl_runs_trigger_check;
alter table ops.etl_runs add constraint etl_runs_trigger_check
    check (trigger in ('SCHEDULE', 'MANUAL', 'REPLAY', 'UNKNOWN'));
