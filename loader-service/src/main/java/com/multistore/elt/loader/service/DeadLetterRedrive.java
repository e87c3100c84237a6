package com.multistore.elt.loader.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.LoadCompleted;
import com.multistore.elt.events.Topics;
import com.multistore.elt.loader.messaging.DeadLetters;
import com.multistore.elt.loader.messaging.Outbox;
import com.multistore.elt.loader.repository.LoadRepository;
import com.multistore.elt.service.sql.SqlFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /dead-letters/redrive}: stages a run's kept dead letters again after a fix, through the same reading
 * and the same staging as the live path, under the run they belong to. What stages is no longer counted as
 * dead-lettered; what still fails is sent to {@code etl.dlq} once more (once per redrive: nothing reads etl.dlq back,
 * so a record never loops). Every declared load it changes is sent again as {@code etl.load.completed} with its new
 * counts and reasons, in the same transaction; a transformer replay of the run ({@code POST /replay} there) then merges
 * the redriven records and checks the dead letters left.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    private static final Logger LOG = Logger.getLogger(DeadLetterRedrive.class);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RawRecordReader reader;

    @Inject
    StagingService staging;

    @Inject
    BatchArchiver archiver;

    @Inject
    LoadRepository loads;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Outbox outbox;

    /** What a redrive did: records staged, records that failed again (with why), and the loads sent again. */
    public record Outcome(String runId, int redriven, int failedAgain, List<String> reasons, List<LoadCompleted> loads) {
    }

    private record Letter(SourceRecord source, String runId, String store, Entity entity) {
    }

    public Outcome redrive(String runId, String store, Entity entity) throws SQLException {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId is required");
        }
        List<StageableRecord> good = new ArrayList<>();
        List<Rejection> failed = new ArrayList<>();
        List<LoadCompleted> resent = new ArrayList<>();
        int redriven;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Letter> letters = candidates(connection, runId, store, entity);
                Set<SourceRecord> ownRun = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Letter letter : letters) {
                    ReadRecord read = reader.read(letter.source());
                    if (read instanceof StageableRecord r) {
                        if (letter.runId().equals(r.runId())) {
                            ownRun.add(r.source());
                        }
                        good.add(letter.runId().equals(r.runId()) ? r : r.underRun(letter.runId()));
                    } else if (read instanceof Rejection r) {
                        failed.add(new Rejection(r.source(), letter.runId(), letter.store(), letter.entity(), r.error()));
                    }
                }
                List<StageableRecord> staged = new ArrayList<>(good);
                staging.stageOrRefuse(connection, staged, failed);
                redriven = staged.size();
                mark(connection, staged, failed);
                // the run's own records go to its archive as the live path would have put them; a replay run's come
                // from the archive or Kafka already
                List<StageableRecord> live = staged.stream().filter(r -> ownRun.contains(r.source())).toList();
                archiver.archive(connection, live);
                for (Letter pair : distinctLoads(letters)) {
                    try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/recount_load.sql",
                            Map.of("entity", pair.entity().code())))) {
                        ps.setString(1, pair.runId());
                        ps.setString(2, pair.store());
                        ps.executeUpdate();
                    }
                    var declared = loads.declared(connection, pair.runId(), pair.store(), pair.entity());
                    if (declared.isPresent()) {
                        outbox.add(connection, Topics.LOAD_COMPLETED, pair.runId(), declared.get());
                        resent.add(declared.get());
                    }
                }
                deadLetters.send(failed).await().atMost(DEAD_LETTER_TIMEOUT);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        outbox.wake();
        List<String> reasons = failed.stream().map(Rejection::reason).distinct().sorted().toList();
        LOG.infof("run %s: redrive of its dead letters%s%s: %d staged, %d failed again%s; %d loads sent again", runId,
                store == null ? "" : " of store " + store, entity == null ? "" : " entity " + entity.code(), redriven,
                failed.size(), reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")", resent.size());
        return new Outcome(runId, redriven, failed.size(), reasons, resent);
    }

    private static List<Letter> candidates(Connection connection, String runId, String store, Entity entity)
            throws SQLException {
        List<Letter> letters = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/redrive_candidates.sql"))) {
            ps.setString(1, runId);
            ps.setString(2, store);
            ps.setString(3, store);
            ps.setString(4, entity == null ? null : entity.code());
            ps.setString(5, entity == null ? null : entity.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourceRecord source = new SourceRecord(rs.getString("source_topic"), rs.getInt("source_partition"),
                            rs.getLong("source_offset"), rs.getLong("source_timestamp"), rs.getString("record_key"),
                            rs.getBytes("record_value"));
                    letters.add(new Letter(source, rs.getString("run_id"), rs.getString("store"),
                            Entity.fromCode(rs.getString("entity"))));
                }
            }
        }
        return letters;
    }

    private static void mark(Connection connection, List<StageableRecord> staged, List<Rejection> failed)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/mark_redriven.sql"))) {
            for (StageableRecord r : staged) {
                ps.setString(1, r.runId());
                ps.setString(2, r.source().topic());
                ps.setInt(3, r.source().partition());
                ps.setLong(4, r.source().offset());
                ps.addBatch();
            }
            if (!staged.isEmpty()) {
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/mark_failed_again.sql"))) {
            for (Rejection r : failed) {
                ps.setString(1, r.reason());
                ps.setString(2, r.runId());
                ps.setString(3, r.source().topic());
                ps.setInt(4, r.source().partition());
                ps.setLong(5, r.source().offset());
                ps.addBatch();
            }
            if (!failed.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    private static List<Letter> distinctLoads(List<Letter> letters) {
        TreeSet<String> seen = new TreeSet<>();
        List<Letter> pairs = new ArrayList<>();
        for (Letter l : letters) {
            if (seen.add(l.runId() + "|" + l.store() + "|" + l.entity().code())) {
                pairs.add(l);
            }
        }
        return pairs;
    }
}
