package com.multistore.elt.loader.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractObservation;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Status;
import com.multistore.elt.loader.archive.ArchiveKeys;
import com.multistore.elt.loader.archive.RawArchive;
import com.multistore.elt.events.Topics;
import com.multistore.elt.loader.messaging.Outbox;
import com.multistore.elt.loader.repository.LoadRepository;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Declares a (run, store, entity) loaded or failed, with its {@code etl.load.completed} (through the outbox); the
 * declaration and its event commit together. No other run's staging rows are touched: each run merges its own rows,
 * and they go only after their retention ({@link StagingRetention}). A second declaration of the same load sends the
 * first one's event again, unchanged.
 */
@ApplicationScoped
public class LoadService {

    private static final Logger LOG = Logger.getLogger(LoadService.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoadRepository loads;

    @Inject
    RawArchive archive;

    @Inject
    Outbox outbox;

    @Inject
    LoaderMetrics metrics;

    /**
     * @param failure why the load failed, or null when its records are in (an archive failure still fails it)
     * @param archiveUri the archive the load came from (a replay from the archive), or null for the run's own batches
     */
    public LoadCompleted declare(String runId, String store, Entity entity, String failure, String archiveUri)
            throws SQLException {
        return declare(runId, store, entity, failure, archiveUri, null);
    }

    /** As above, passing on the extractor's observation of the store x entity (null: none) for the reconciliation. */
    public LoadCompleted declare(String runId, String store, Entity entity, String failure, String archiveUri,
                                 ExtractObservation extracted) throws SQLException {
        LoadCompleted load;
        boolean first;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                LoadRepository.Counts counts = loads.counts(connection, runId, store, entity);
                String uri = archiveUri != null ? archiveUri : counts.archiveDates().isEmpty() ? null
                        : archive.uri(ArchiveKeys.runPattern(store, entity, counts.archiveDates(), runId));
                String error = failure != null ? failure : counts.archiveError();
                load = loads.withReasons(connection, new LoadCompleted(runId, store, entity,
                        error == null ? Status.SUCCEEDED : Status.FAILED, counts.staged(), counts.deadLettered(), uri,
                        error).withExtracted(extracted));
                first = loads.declare(connection, load);
                if (!first) {
                    load = loads.declared(connection, runId, store, entity).orElseThrow();
                }
                outbox.add(connection, Topics.LOAD_COMPLETED, runId, load);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        outbox.wake();
        if (first) {
            metrics.load(load.status());
        }
        LOG.infof("run %s: %s/%s load %s%s, %d staged, %d dead-lettered%s",
                runId, store, entity.code(), load.status(), first ? "" : " (declared before, event re-published)",
                load.stagedCount(), load.deadLetteredCount(), load.error() == null ? "" : ": " + load.error());
        return load;
    }
}
