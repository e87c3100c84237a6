-- A dead letter a redrive staged: no longer counted as dead-lettered. Params: run id, topic, partition, offset.
update ops.loader_dead_letters set redriven_at = now(), redrives = redrives + 1
where run_id = ? and source_topic = ? and source_partition = ? and source_offset = ? and redriven_at is null
