package com.multistore.elt.notifier.service;

import com.multistore.elt.notifier.client.PermanentHttpFailure;
import com.multistore.elt.notifier.client.PowerBiClient;
import com.multistore.elt.notifier.client.TransientHttpFailure;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import com.multistore.elt.notifier.config.NotifierConfig;
import com.multistore.elt.notifier.service.NotificationLedger.Claim;
import com.multistore.elt.notifier.service.NotificationLedger.DatasetState;
import com.multistore.elt.notifier.repository.RefreshQuota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import jakarta.persistence.PersistenceException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * Refreshes one Power BI dataset for a send: takes a refresh from the daily quota, asks for the refresh, polls until
 * Power BI reports a final status or the poll timeout passes. Each step is recorded in the ledger (ASKING before the
 * request goes out, REQUESTED once accepted), so a send resumed after a crash polls a refresh it already asked for,
 * and one whose ask went unanswered reads the refresh history before asking again: never a second refresh for one. Never throws for a Power BI failure:
 * the outcome is the returned (and recorded) state.
 */
@ApplicationScoped
public class DatasetRefresh {

    /** The request is going out; a send resumed in this state reads the refresh history before asking again. */
    public static final String ASKING = "ASKING";
    public static final String REQUESTED = "REQUESTED";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    /** Power BI answered 401/403 to the service principal. */
    public static final String DENIED = "DENIED";
    /** Azure AD gave no token (tenant/client id/secret wrong or missing). */
    public static final String AUTH_FAILED = "AUTH_FAILED";
    /** Not asked for: the day's refresh cap was reached. */
    public static final String SKIPPED = "SKIPPED";

    private static final Logger LOG = Logger.getLogger(DatasetRefresh.class);

    @Inject
    Clock clock;

    @Inject
    PowerBiClient powerBi;

    @Inject
    PowerBiAccessToken token;

    @Inject
    RefreshQuota quota;

    @Inject
    NotificationLedger ledger;

    @Inject
    NotifierConfig config;

    @Inject
    SecretRedaction redaction;

    @Inject
    NotificationMetrics metrics;

    public DatasetState refresh(Claim claim, String name, NotifierConfig.Dataset dataset) throws SQLException {
        DatasetState known = claim.datasets().get(name);
        if (known != null && known.finished()) {
            return known;
        }
        DatasetState state;
        if (known == null) {
            state = request(claim, name, dataset, null);
        } else if (known.asking()) {
            LOG.infof("run %s attempt %d: resuming dataset %s's refresh request, asked at %s: the refresh history first",
                    claim.runId(), claim.attempt(), name, known.askedAt());
            state = request(claim, name, dataset, known.askedAt());
        } else {
            LOG.infof("run %s attempt %d: resuming the poll of dataset %s's refresh", claim.runId(), claim.attempt(), name);
            state = known;
        }
        if (state.finished()) {
            return state;
        }
        return record(claim, name, poll(claim, dataset, state.requestId()));
    }

    /**
     * Takes quota (first ask only) and asks for the refresh: REQUESTED, or the state that already decided the outcome.
     * {@code askedBefore} is when an earlier ask of this send went out whose answer never came (null: none); then,
     * and after every ask whose answer does not come, the refresh history decides whether Power BI took it.
     */
    private DatasetState request(Claim claim, String name, NotifierConfig.Dataset dataset, Instant askedBefore)
            throws SQLException {
        if (askedBefore == null) {
            LocalDate day = LocalDate.now(clock.withZone(config.powerbi().quotaZone()));
            int cap = config.powerbi().dailyCap();
            if (!quota.take(dataset.groupId() + "/" + dataset.datasetId(), day, cap)) {
                LOG.warnf("run %s attempt %d: dataset %s not refreshed, daily cap of %d reached for %s", claim.runId(),
                        claim.attempt(), name, cap, day);
                return record(claim, name, new DatasetState(SKIPPED,
                        "not refreshed: the daily refresh cap of " + cap + " was reached for " + day, null));
            }
        }
        Instant firstAsk = askedBefore;
        RuntimeException lost = null;
        int tries = Math.max(1, config.powerbi().requestTries());
        for (int ask = 1; ; ask++) {
            if (firstAsk != null) {
                // an ask went out whose answer never came: Power BI's history says whether it took it
                Optional<PowerBiClient.Refresh> taken;
                try {
                    taken = refreshSince(dataset, firstAsk.minus(config.powerbi().clockSkew()));
                } catch (RuntimeException e) {
                    return record(claim, name, failure(e, "refresh history"));
                }
                if (taken.isPresent()) {
                    LOG.infof("run %s attempt %d: dataset %s: the refresh history has a refresh started %s, after the"
                            + " unanswered ask: taken as this send's refresh, not asked again", claim.runId(),
                            claim.attempt(), name, taken.get().startTime());
                    return record(claim, name, new DatasetState(REQUESTED, "refresh requested (found in the history)",
                            taken.get().requestId()));
                }
            }
            if (ask > tries) {
                return record(claim, name, failure(lost, "refresh request"));
            }
            firstAsk = firstAsk == null ? clock.instant() : firstAsk;
            ledger.renew(claim, config.claimLease());
            record(claim, name, new DatasetState(ASKING, "refresh being requested", null, firstAsk));
            try {
                String requestId = withToken(t -> powerBi.requestRefresh(dataset, t)).orElse(null);
                LOG.infof("run %s attempt %d: refresh of dataset %s requested", claim.runId(), claim.attempt(), name);
                return record(claim, name, new DatasetState(REQUESTED, "refresh requested", requestId));
            } catch (TransientHttpFailure | TimeoutException e) {
                lost = e;
                LOG.warnf("run %s attempt %d: dataset %s: refresh request %d unanswered (%s); the history decides",
                        claim.runId(), claim.attempt(), name, ask, redaction.redact(e.getMessage()));
                pause(config.powerbi().pollInterval());
            } catch (RuntimeException e) {
                return record(claim, name, failure(e, "refresh request"));
            }
        }
    }

    /** The newest refresh of the dataset that started at or after {@code since}, if any. */
    private Optional<PowerBiClient.Refresh> refreshSince(NotifierConfig.Dataset dataset, Instant since) {
        return withToken(t -> powerBi.recentRefreshes(dataset, t, 5)).stream()
                .filter(r -> r.startTime() != null && !r.startTime().isBefore(since)).findFirst();
    }

    private static void pause(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted (service stopping)", e);
        }
    }

    private DatasetState poll(Claim claim, NotifierConfig.Dataset dataset, String requestId) {
        Instant deadline = Instant.now().plus(config.powerbi().pollTimeout());
        String last = "none yet";
        while (true) {
            Optional<PowerBiClient.Refresh> latest;
            try {
                latest = withToken(t -> powerBi.latestRefresh(dataset, t));
            } catch (RuntimeException e) {
                return failure(e, "refresh status");
            }
            if (latest.isPresent() && (requestId == null || requestId.equalsIgnoreCase(latest.get().requestId()))) {
                PowerBiClient.Refresh refresh = latest.get();
                last = refresh.status();
                if (refresh.finished()) {
                    return refresh.completed() ? new DatasetState(COMPLETED, "refresh Completed", requestId)
                            : new DatasetState(FAILED, "refresh " + refresh.status()
                            + (refresh.serviceException() == null ? "" : ": " + refresh.serviceException()), requestId);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return new DatasetState(FAILED, "no final refresh status within " + config.powerbi().pollTimeout()
                        + " (last: " + last + ")", requestId);
            }
            try {
                Thread.sleep(config.powerbi().pollInterval().toMillis());
                ledger.renew(claim, config.claimLease());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new DatasetState(FAILED, "polling interrupted (service stopping)", requestId);
            } catch (PersistenceException e) {
                LOG.warnf("run %s attempt %d: lease not renewed (the poll goes on): %s", claim.runId(), claim.attempt(),
                        e.getMessage());
            }
        }
    }

    /** Calls Power BI with the cached token; a 401 gets one more try with a freshly fetched token. */
    private <T> T withToken(Function<String, T> call) {
        try {
            return call.apply(currentToken());
        } catch (PermanentHttpFailure e) {
            if (e.status() != 401) {
                throw e;
            }
            token.invalidate();
            return call.apply(currentToken());
        }
    }

    private String currentToken() {
        try {
            return token.current();
        } catch (RuntimeException e) {
            throw new TokenUnavailable(e);
        }
    }

    /** Azure AD gave no token: a configuration or credential problem, not a Power BI one. */
    private static final class TokenUnavailable extends RuntimeException {
        TokenUnavailable(RuntimeException cause) {
            super("Azure AD token: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
                    cause);
        }
    }

    private DatasetState failure(RuntimeException e, String step) {
        String detail = redaction.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (e instanceof TokenUnavailable) {
            return new DatasetState(AUTH_FAILED, detail, null);
        }
        if (e instanceof PermanentHttpFailure p && p.accessDenied()) {
            return new DatasetState(DENIED, detail, null);
        }
        return new DatasetState(FAILED, step + " failed: " + e.getClass().getSimpleName() + ": " + detail, null);
    }

    private DatasetState record(Claim claim, String name, DatasetState state) throws SQLException {
        ledger.recordDataset(claim, name, state);
        if (state.finished()) {
            metrics.refresh(state.state());
            LOG.infof("run %s attempt %d: dataset %s %s", claim.runId(), claim.attempt(), name, state.state());
        }
        return state;
    }
}
