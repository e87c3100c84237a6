package com.multistore.elt.loader.service;

import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Status;
import com.multistore.elt.loader.config.LoaderConfig;
import com.multistore.elt.loader.repository.LoadRepository;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The offset barrier (rule 1): an {@code etl.extract.completed} becomes a load only once the live consumer's
 * committed positions on the raw topic have reached every announced end offset, i.e. every record the extractor
 * sent is staged or dead-lettered in a committed transaction. A completion that arrives first waits, re-reading the
 * positions, up to {@code loader.barrier.timeout}; then the load FAILs naming the partitions still behind. Positions
 * live in PostgreSQL, so the barrier holds across restarts.
 */
@ApplicationScoped
public class BarrierService {

    private static final Logger LOG = Logger.getLogger(BarrierService.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoadRepository loads;

    @Inject
    LoadService loadService;

    @Inject
    LoaderConfig config;

    public LoadCompleted onExtractCompleted(ExtractCompleted completed) throws SQLException, InterruptedException {
        if (completed.status() == Status.FAILED) {
            return loadService.declare(completed.runId(), completed.store(), completed.entity(),
                    "extract failed: " + (completed.error() == null ? "no reason given" : completed.error()), null);
        }
        String topic = completed.entity().rawTopic();
        Instant deadline = Instant.now().plus(config.barrier().timeout());
        boolean waited = false;
        while (true) {
            List<String> behind = behind(topic, completed.endOffsets());
            if (behind.isEmpty()) {
                return loadService.declare(completed.runId(), completed.store(), completed.entity(), null, null,
                        completed.observed());
            }
            if (Instant.now().isAfter(deadline)) {
                return loadService.declare(completed.runId(), completed.store(), completed.entity(),
                        "barrier timed out after " + config.barrier().timeout() + ": " + topic + " not staged up to the"
                                + " announced end offsets (" + String.join(", ", behind) + ")", null);
            }
            if (!waited) {
                LOG.infof("run %s: %s/%s completion waits for its records (%s)", completed.runId(), completed.store(),
                        completed.entity().code(), String.join(", ", behind));
                waited = true;
            }
            Thread.sleep(config.barrier().pollInterval().toMillis());
        }
    }

    private List<String> behind(String topic, Map<Integer, Long> endOffsets) throws SQLException {
        Map<Integer, Long> positions;
        try (Connection connection = dataSource.getConnection()) {
            positions = loads.positions(connection, topic);
        }
        return endOffsets.entrySet().stream()
                .filter(e -> positions.getOrDefault(e.getKey(), 0L) < e.getValue())
                .map(e -> "partition " + e.getKey() + " at " + positions.getOrDefault(e.getKey(), 0L)
                        + ", announced " + e.getValue())
                .toList();
    }
}
