insert into ops.loader_positions as p (kafka_topic, kafka_partition, next_offset) values (?, ?, ?)
on conflict (kafka_topic, kafka_partition)
    do update set next_offset = greatest(p.next_offset, excluded.next_offset), updated_at = now()
