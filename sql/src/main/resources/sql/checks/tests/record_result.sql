-- One declared test's outcome of a run (a try of the run's tests replaces the rows of its dataset first).
insert into ops.dq_results (run_id, check_name, severity, status, observed, threshold, details, dataset, model,
                            test_kind, examples)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
on conflict (run_id, check_name) do update
    set severity = excluded.severity, status = excluded.status, observed = excluded.observed,
        threshold = excluded.threshold, details = excluded.details, dataset = excluded.dataset, model = excluded.model,
        test_kind = excluded.test_kind, examples = excluded.examples, checked_at = now()
