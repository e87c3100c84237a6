copy loader_batch (run_id, store, entity, gid, source_updated_at, extracted_at, payload, kafka_topic, kafka_partition, kafka_offset) from stdin
