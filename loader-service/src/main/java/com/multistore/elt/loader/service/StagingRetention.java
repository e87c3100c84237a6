package com.multistore.elt.loader.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.loader.config.LoaderConfig;
import com.multistore.elt.loader.repository.LoadRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long a run's staging rows live: until the run is merged ({@code etl.transform.completed} SUCCEEDED), and
 * {@code loader.staging.retention} after that; a run never merged keeps them for {@code loader.staging.unmerged-retention}
 * after its loads were declared. No run deletes another run's rows, so a run waiting at the barrier or merging always
 * finds all of its own.
 */
@ApplicationScoped
public class StagingRetention {

    private static final Logger LOG = Logger.getLogger(StagingRetention.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoadRepository loads;

    @Inject
    LoaderConfig config;

    /** The run merged: its rows' retention starts. A FAILED outcome changes nothing (the rows stay for a replay). */
    public void merged(String runId) throws SQLException {
        int marked;
        try (Connection connection = dataSource.getConnection()) {
            marked = loads.recordMerged(connection, runId);
        }
        if (marked > 0) {
            LOG.infof("run %s merged: the staging rows of its %d loads are kept for %s", runId, marked,
                    config.staging().retention());
        }
    }

    @Scheduled(every = "${loader.staging.retention-check-every:PT1H}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            expire();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf("staging retention not applied (tried again at the next check): %s", e.getMessage());
        }
    }

    /** Deletes the staging rows past their retention, one entity per transaction; returns the rows removed per run. */
    public Map<String, Long> expire() throws SQLException {
        Map<String, Long> removed = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (Entity entity : Entity.values()) {
                loads.expire(connection, entity, config.staging().retention(), config.staging().unmergedRetention())
                        .forEach((run, rows) -> {
                            removed.merge(run, rows, Long::sum);
                            LOG.infof("run %s: %d %s staging rows removed (retention)", run, rows, entity.code());
                        });
            }
        }
        return removed;
    }
}
