select kafka_partition, next_offset from ops.loader_positions where kafka_topic = ?
