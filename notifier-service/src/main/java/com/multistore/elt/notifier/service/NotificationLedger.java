package com.multistore.elt.notifier.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.notifier.repository.Notification;
import com.multistore.elt.service.sql.SqlFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notification ledger ({@link Notification}, {@code ops.notifications}). Claiming a row is what makes a run notify
 * at most once per attempt, however often its event is delivered (rule 3); a claim holds a lease so that a crash
 * between claim and send is resumed, not lost. Claims and lease renewals are single statements
 * ({@code sql/ops/notifier}: an insert-or-take that only the database can decide atomically); reads and the send's
 * progress go through the entity. Each call commits on its own ({@code REQUIRES_NEW}): a dataset marked ASKING is
 * durable before its refresh is requested, whatever the caller does.
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
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
    private static final String RENEW = SqlFiles.text("sql/ops/notifier/renew_notification.sql");
    private static final TypeReference<Map<String, DatasetState>> DATASETS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    /** Claims (or resumes, after a crash) the notification of a run attempt; empty when it is not this caller's. */
    public Optional<Claim> claim(TransformCompleted event, Kind kind, Duration lease) {
        return claim(event.runId(), event.attempt(), kind, json(event), lease);
    }

    private Optional<Claim> claim(String runId, int attempt, Kind kind, String eventJson, Duration lease) {
        Query claim = Notification.getEntityManager().createNativeQuery(CLAIM)
                .setParameter(1, runId)
                .setParameter(2, attempt)
                .setParameter(3, kind.name())
                .setParameter(4, eventJson)
                .setParameter(5, lease.toSeconds());
        return first(claim).map(row -> new Claim(runId, attempt, number(row[0]), Kind.valueOf((String) row[1]),
                number(row[2]), read((String) row[3]), datasets((String) row[4])));
    }

    /** The original notification a replay of {@code runId} (attempt, or the latest when null) refers to. */
    public Optional<Original> original(String runId, Integer attempt) {
        return Notification.original(runId, attempt).map(n -> new Original(n.attempt, Kind.valueOf(n.kind), n.status,
                n.event, n.leased()));
    }

    /** Resumes an original notification whose claimer crashed (its lease ran out). */
    public Optional<Claim> resume(String runId, Original original, Duration lease) {
        return claim(runId, original.attempt(), original.kind(), original.eventJson(), lease);
    }

    /** Claims a new send (replay) of a run attempt's stored event. */
    public Optional<Claim> claimReplay(String runId, int attempt, Duration lease) {
        Query replay = Notification.getEntityManager().createNativeQuery(CLAIM_REPLAY)
                .setParameter(1, lease.toSeconds())
                .setParameter(2, runId)
                .setParameter(3, attempt);
        return first(replay).map(row -> new Claim(runId, number(row[0]), number(row[1]), Kind.valueOf((String) row[2]),
                number(row[3]), read((String) row[4]), datasets((String) row[5])));
    }

    /** Records how one dataset's refresh stands within a send that is still PENDING. */
    public void recordDataset(Claim claim, String dataset, DatasetState state) {
        Notification.pendingLocked(claim.runId(), claim.attempt(), claim.sendNo()).ifPresent(n -> {
            Map<String, DatasetState> datasets = new LinkedHashMap<>(datasets(n.datasets));
            datasets.put(dataset, state);
            n.datasets = write(datasets);
        });
    }

    /** Extends the lease of a send this caller is still working on; false when it is no longer PENDING. */
    public boolean renew(Claim claim, Duration lease) {
        return Notification.getEntityManager().createNativeQuery(RENEW)
                .setParameter(1, lease.toSeconds())
                .setParameter(2, claim.runId())
                .setParameter(3, claim.attempt())
                .setParameter(4, claim.sendNo())
                .executeUpdate() == 1;
    }

    /** Records the outcome; false when the row was no longer PENDING (nothing changed). */
    public boolean finish(Claim claim, Outcome outcome, String detail) {
        return Notification.finish(claim.runId(), claim.attempt(), claim.sendNo(), outcome.name(), detail);
    }

    /** Gives a claimed send up for another try: it stays PENDING with the reason, and can be claimed again at once. */
    public boolean release(Claim claim, String detail) {
        return Notification.pendingLocked(claim.runId(), claim.attempt(), claim.sendNo()).map(n -> {
            n.detail = detail;
            n.leaseUntil = null;
            return true;
        }).orElse(false);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Object[]> first(Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private String json(TransformCompleted event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Map<String, DatasetState> datasets) {
        try {
            return mapper.writeValueAsString(datasets);
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
