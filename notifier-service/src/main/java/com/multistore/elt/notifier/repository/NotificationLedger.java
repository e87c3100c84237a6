package com.multistore.elt.notifier.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.TransformCompleted;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ops.notifications}: one row per (run, attempt) for the notification its event is owed (send 0), plus one
 * per replay. Claiming the row is what makes a run notify at most once per attempt, however often its event is
 * delivered (rule 3); a claim holds a lease so that a crash between claim and send is resumed, not lost.
 */
@ApplicationScoped
public class NotificationLedger {

    public enum Kind { POWERBI_REFRESH, SNS_ALERT }

    public enum Outcome { SENT, FAILED, SKIPPED }

    /**
     * How one Power BI dataset's refresh stands within a send: ASKING (the request is being sent, since
     * {@code askedAt}: a send resumed in this state looks at the refresh history before asking again), REQUESTED
     * (accepted, being polled), or a final state.
     */
    public record DatasetState(String state, String detail, String requestId, Instant askedAt) {
        public DatasetState(String state, String detail, String requestId) {
            this(state, detail, requestId, null);
        }

        public boolean finished() {
            return !"REQUESTED".equals(state) && !"ASKING".equals(state);
        }

        public boolean asking() {
            return "ASKING".equals(state);
        }
    }

    /** A send this caller owns until it records the outcome (or its lease runs out). */
    public record Claim(String runId, int attempt, int sendNo, Kind kind, int tries, TransformCompleted event,
                        Map<String, DatasetState> datasets) {
        public boolean resumed() {
            return tries > 1;
        }
    }

    /** The event-driven notification of a run attempt, as a replay sees it. */
    public record Original(int attempt, Kind kind, String status, String eventJson, boolean leased) {
    }

    private static final String CLAIM = SqlFiles.text("sql/ops/notifier/claim_notification.sql");
    private static final String CLAIM_REPLAY = SqlFiles.text("sql/ops/notifier/claim_replay.sql");
    private static final String FIND_ORIGINAL = SqlFiles.text("sql/ops/notifier/find_original.sql");
    private static final String RECORD_DATASET = SqlFiles.text("sql/ops/notifier/record_dataset.sql");
    private static final String FINISH = SqlFiles.text("sql/ops/notifier/finish_notification.sql");
    private static final String RELEASE = SqlFiles.text("sql/ops/notifier/release_notification.sql");
    private static final String RENEW = SqlFiles.text("sql/ops/notifier/renew_notification.sql");
    private static final TypeReference<Map<String, DatasetState>> DATASETS = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** Claims (or resumes, after a crash) the notification of a run attempt; empty when it is not this caller's. */
    public Optional<Claim> claim(TransformCompleted event, Kind kind, Duration lease) throws SQLException {
        return claim(event.runId(), event.attempt(), kind, json(event), lease);
    }

    Optional<Claim> claim(String runId, int attempt, Kind kind, String eventJson, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setString(1, runId);
            s.setInt(2, attempt);
            s.setString(3, kind.name());
            s.setString(4, eventJson);
            s.setLong(5, lease.toSeconds());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(claim(runId, attempt, rs)) : Optional.empty();
            }
        }
    }

    /** The original notification a replay of {@code runId} (attempt, or the latest when null) refers to. */
    public Optional<Original> original(String runId, Integer attempt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FIND_ORIGINAL)) {
            s.setString(1, runId);
            setAttempt(s, 2, attempt);
            s.setString(3, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Original(rs.getInt(1), Kind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5)));
            }
        }
    }

    /** Resumes an original notification whose claimer crashed (its lease ran out). */
    public Optional<Claim> resume(String runId, Original original, Duration lease) throws SQLException {
        return claim(runId, original.attempt(), original.kind(), original.eventJson(), lease);
    }

    /** Claims a new send (replay) of a run attempt's stored event. */
    public Optional<Claim> claimReplay(String runId, int attempt, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_REPLAY)) {
            s.setLong(1, lease.toSeconds());
            s.setString(2, runId);
            setAttempt(s, 3, attempt);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Claim(runId, rs.getInt(1), rs.getInt(2), Kind.valueOf(rs.getString(3)),
                        rs.getInt(4), read(rs.getString(5)), datasets(rs.getString(6))));
            }
        }
    }

    public void recordDataset(Claim claim, String dataset, DatasetState state) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RECORD_DATASET)) {
            s.setString(1, dataset);
            s.setString(2, mapper.writeValueAsString(state));
            s.setString(3, claim.runId());
            s.setInt(4, claim.attempt());
            s.setInt(5, claim.sendNo());
            s.executeUpdate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Extends the lease of a send this caller is still working on; false when it is no longer PENDING. */
    public boolean renew(Claim claim, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RENEW)) {
            s.setLong(1, lease.toSeconds());
            s.setString(2, claim.runId());
            s.setInt(3, claim.attempt());
            s.setInt(4, claim.sendNo());
            return s.executeUpdate() == 1;
        }
    }

    /** Records the outcome; false when the row was no longer PENDING (nothing changed). */
    public boolean finish(Claim claim, Outcome outcome, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FINISH)) {
            s.setString(1, outcome.name());
            s.setString(2, detail);
            s.setString(3, claim.runId());
            s.setInt(4, claim.attempt());
            s.setInt(5, claim.sendNo());
            return s.executeUpdate() == 1;
        }
    }

    /** Gives a claimed send up for another try: it stays PENDING with the reason, and can be claimed again at once. */
    public boolean release(Claim claim, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RELEASE)) {
            s.setString(1, detail);
            s.setString(2, claim.runId());
            s.setInt(3, claim.attempt());
            s.setInt(4, claim.sendNo());
            return s.executeUpdate() == 1;
        }
    }

    private Claim claim(String runId, int attempt, ResultSet rs) throws SQLException {
        return new Claim(runId, attempt, rs.getInt(1), Kind.valueOf(rs.getString(2)), rs.getInt(3),
                read(rs.getString(4)), datasets(rs.getString(5)));
    }

    private static void setAttempt(PreparedStatement s, int index, Integer attempt) throws SQLException {
        if (attempt == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, attempt);
        }
    }

    private String json(TransformCompleted event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TransformCompleted read(String json) {
        try {
            return mapper.readValue(json, TransformCompleted.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, DatasetState> datasets(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, DATASETS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
