package com.multistore.elt.loader.service;

import com.multistore.elt.events.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The loader's meters on {@code /q/metrics}: records staged (its rate is records/s; registered at start, so they read 0 before the first batch), batch sizes and durations,
 * dead letters, archive failures, declared loads. Consumer lag comes from the Kafka client metrics
 * ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
@Startup
@ApplicationScoped
public class LoaderMetrics {

    private final Counter staged;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Counter archiveFailures;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;
    private final MeterRegistry registry;

    public LoaderMetrics(MeterRegistry registry) {
        this.registry = registry;
        staged = Counter.builder("loader.records.staged").description("new rows written to staging").register(registry);
        duplicates = Counter.builder("loader.records.duplicate")
                .description("re-delivered records already staged for their run").register(registry);
        deadLettered = Counter.builder("loader.records.dead.lettered").description("records sent to etl.dlq").register(registry);
        archiveFailures = Counter.builder("loader.archive.failures").description("batches the archive refused").register(registry);
        batchSize = DistributionSummary.builder("loader.batch.records").description("records per staged batch")
                .publishPercentiles(0.5, 0.95).register(registry);
        batchDuration = Timer.builder("loader.batch.duration").description("one batch: COPY, merge into staging, archive, commit")
                .register(registry);
    }

    void batch(int records, long newRows, int goodRecords, int rejected, Duration took) {
        batchSize.record(records);
        batchDuration.record(took);
        staged.increment(newRows);
        duplicates.increment(Math.max(0, goodRecords - newRows));
        deadLettered.increment(rejected);
    }

    void archiveFailure() {
        archiveFailures.increment();
    }

    void load(Status status) {
        registry.counter("loader.loads.declared", "status", status.name()).increment();
    }
}
