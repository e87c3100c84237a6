package com.multistore.elt.loader.service;

import com.multistore.elt.loader.messaging.DeadLetters;
import com.multistore.elt.loader.repository.StagingRepository;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stages one batch in one PostgreSQL transaction: valid records COPYed into {@code staging.<entity>} (a re-delivered
 * record is skipped), counts per (run, store, entity), the live consumer's positions and the batch's archive
 * objects. Rejected records (unreadable, or refused by PostgreSQL) are published to {@code etl.dlq} and acknowledged
 * by the broker before the transaction commits, so nothing is lost between the two; the caller acknowledges the
 * Kafka offsets only after this returns. The JDBC transaction is managed here because COPY needs the raw connection.
 */
@ApplicationScoped
public class StagingService {

    private static final Logger LOG = Logger.getLogger(StagingService.class);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StagingRepository staging;

    @Inject
    RawRecordReader reader;

    @Inject
    BatchArchiver archiver;

    @Inject
    DeadLetters deadLetters;

    @Inject
    LoaderMetrics metrics;

    /** What a batch came to. */
    public record Outcome(int records, long staged, int deadLettered) {
    }

    /** A batch of the live consumer: positions advance and the staged records are archived. */
    public Outcome stageLive(List<SourceRecord> batch) throws SQLException {
        return stage(batch, null);
    }

    /** A batch of a replay: every record is staged under the replay's run id; positions and archive stay as they are. */
    public Outcome stageReplay(List<SourceRecord> batch, String replayRunId) throws SQLException {
        return stage(batch, replayRunId);
    }

    private Outcome stage(List<SourceRecord> batch, String replayRunId) throws SQLException {
        long started = System.nanoTime();
        List<StageableRecord> good = new ArrayList<>(batch.size());
        List<Rejection> rejected = new ArrayList<>();
        for (SourceRecord source : batch) {
            ReadRecord read = reader.read(source);
            if (read instanceof StageableRecord r) {
                good.add(replayRunId == null ? r : r.underRun(replayRunId));
            } else if (read instanceof Rejection r) {
                rejected.add(replayRunId == null ? r : r.underRun(replayRunId));
            }
        }
        long newRows;
        List<StageableRecord> staged = new ArrayList<>(good);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                newRows = stageOrRefuse(connection, staged, rejected);
                staging.recordDeadLetters(connection, rejected);
                if (replayRunId == null) {
                    staging.advancePositions(connection, nextOffsets(batch));
                    archiver.archive(connection, staged);
                }
                deadLetters.send(rejected).await().atMost(DEAD_LETTER_TIMEOUT);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        for (Rejection r : rejected) {
            LOG.warnf("run %s: %s/%d@%d dead-lettered: %s", r.runId() == null ? "unknown" : r.runId(),
                    r.source().topic(), r.source().partition(),
                    r.source().offset(), r.error().getMessage());
        }
        metrics.batch(batch.size(), newRows, staged.size(), rejected.size(), Duration.ofNanos(System.nanoTime() - started));
        return new Outcome(batch.size(), newRows, rejected.size());
    }

    /**
     * COPYs the records; when PostgreSQL refuses the batch's data, stages record by record (each under its own
     * savepoint) and moves the refused ones from {@code records} to {@code rejected}.
     */
    long stageOrRefuse(Connection connection, List<StageableRecord> records, List<Rejection> rejected)
            throws SQLException {
        if (records.isEmpty()) {
            return 0;
        }
        Savepoint whole = connection.setSavepoint();
        try {
            return staging.stage(connection, records);
        } catch (SQLException e) {
            if (!refusedData(e)) {
                throw e;
            }
            connection.rollback(whole);
            LOG.warnf("PostgreSQL refused a batch of %d records (SQLState %s); staging them one by one",
                    records.size(), e.getSQLState());
        }
        long staged = 0;
        List<StageableRecord> accepted = new ArrayList<>(records.size());
        for (StageableRecord r : records) {
            Savepoint one = connection.setSavepoint();
            try {
                staged += staging.stage(connection, List.of(r));
                connection.releaseSavepoint(one);
                accepted.add(r);
            } catch (SQLException e) {
                if (!refusedData(e)) {
                    throw e;
                }
                connection.rollback(one);
                rejected.add(new Rejection(r.source(), r.runId(), r.store(), r.entity(),
                        new InvalidRawRecordException("PostgreSQL refused the record (SQLState " + e.getSQLState() + "): "
                                + firstLine(e.getMessage()))));
            }
        }
        records.clear();
        records.addAll(accepted);
        return staged;
    }

    /** The server's message without its detail and context lines (which may quote the record's data). */
    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Data exceptions (class 22), constraint violations (23) and program limits (54) are the record's fault. */
    private static boolean refusedData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    private static Map<String, Map<Integer, Long>> nextOffsets(List<SourceRecord> batch) {
        Map<String, Map<Integer, Long>> next = new HashMap<>();
        for (SourceRecord r : batch) {
            next.computeIfAbsent(r.topic(), t -> new HashMap<>()).merge(r.partition(), r.offset() + 1, Math::max);
        }
        return next;
    }
}
