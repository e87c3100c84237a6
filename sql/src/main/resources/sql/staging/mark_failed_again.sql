-- A dead letter a redrive could not stage either: sent to etl.dlq once more, with its new reason.
-- Params: reason, run id, topic, partition, offset.
update ops.loader_dead_letters set redrives = redrives + 1, reason = ?
where run_id = ? and source_topic = ? and source_partition = ? and source_offset = ?
