select run_id, trigger, business_dates::text, status, replay_from, replay_to, started_at, ended_at, error
from ops.extractor_runs where run_id = ?
