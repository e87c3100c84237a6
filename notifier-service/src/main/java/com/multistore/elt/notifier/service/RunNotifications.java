package com.multistore.elt.notifier.service;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.aws.SnsAlerts;
import com.multistore.elt.notifier.config.NotifierConfig;
import com.multistore.elt.notifier.service.NotificationLedger.Claim;
import com.multistore.elt.notifier.service.NotificationLedger.DatasetState;
import com.multistore.elt.notifier.service.NotificationLedger.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import jakarta.persistence.PersistenceException;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a finished run is owed: a Power BI refresh of every configured dataset when it succeeded, an SNS alert when it
 * failed (or when a refresh failed, was refused or skipped). The ledger claim makes a re-delivered event of a finished
 * send a no-op; one whose send is still PENDING is tried again (transient) until the send is finished, or its lease
 * (renewed by a live claimer) runs out and the delivery resumes it.
 */
@ApplicationScoped
public class RunNotifications {

    /** What a send came to. */
    public record SendResult(Outcome outcome, String detail) {
    }

    private static final Logger LOG = Logger.getLogger(RunNotifications.class);

    @Inject
    NotificationLedger ledger;

    @Inject
    DatasetRefresh refresh;

    @Inject
    SnsAlerts sns;

    @Inject
    SecretRedaction redaction;

    @Inject
    NotificationMetrics metrics;

    @Inject
    NotifierConfig config;

    public void onTransformCompleted(TransformCompleted event) throws SQLException {
        NotificationLedger.Kind kind = event.status() == Status.SUCCEEDED
                ? NotificationLedger.Kind.POWERBI_REFRESH : NotificationLedger.Kind.SNS_ALERT;
        var claim = claim(event, kind);
        if (claim.isEmpty()) {
            var original = ledger.original(event.runId(), event.attempt());
            if (original.isPresent() && "PENDING".equals(original.get().status())) {
                // another delivery holds the send (or held it and crashed): not done, so not acknowledged; the inbox
                // tries again until that send is finished or its lease runs out and this delivery resumes it
                throw new SendInProgress(event.runId(), event.attempt());
            }
            metrics.duplicate();
            LOG.infof("run %s attempt %d: already notified (%s), duplicate event ignored", event.runId(),
                    event.attempt(), original.map(NotificationLedger.Original::status).orElse("unknown"));
            return;
        }
        LOG.infof("run %s attempt %d: %s %s (transform %s)", event.runId(), event.attempt(), kind,
                claim.get().resumed() ? "resumed after an interrupted send" : "claimed", event.status());
        deliver(claim.get());
    }

    @Retry(maxRetries = 3, delay = 500, jitter = 200, delayUnit = ChronoUnit.MILLIS, retryOn = {SQLException.class, PersistenceException.class})
    Optional<Claim> claim(TransformCompleted event, NotificationLedger.Kind kind) throws SQLException {
        return ledger.claim(event, kind, config.claimLease());
    }

    /**
     * Performs a claimed send and records its outcome; throws {@link NotificationFailed} if the alert could not be
     * published (the send stays PENDING, released for the next try).
     */
    public SendResult deliver(Claim claim) throws SQLException {
        if (claim.kind() == NotificationLedger.Kind.SNS_ALERT) {
            return alert(claim, RunAlert.runFailed(claim, config), Outcome.SENT, "run FAILED, alert published");
        }
        Map<String, DatasetState> results = new LinkedHashMap<>();
        for (var dataset : new TreeMap<>(config.powerbi().datasets()).entrySet()) {
            results.put(dataset.getKey(), refresh.refresh(claim, dataset.getKey(), dataset.getValue()));
        }
        if (results.isEmpty()) {
            LOG.warnf("run %s attempt %d: no Power BI dataset configured (notifier.powerbi.datasets.*), nothing refreshed",
                    claim.runId(), claim.attempt());
            return finish(claim, Outcome.SKIPPED, "no Power BI dataset configured");
        }
        String summary = results.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().state())
                .collect(Collectors.joining(", "));
        if (results.values().stream().allMatch(s -> DatasetRefresh.COMPLETED.equals(s.state()))) {
            return finish(claim, Outcome.SENT, "refreshed: " + summary);
        }
        boolean failed = results.values().stream().anyMatch(s -> !DatasetRefresh.COMPLETED.equals(s.state())
                && !DatasetRefresh.SKIPPED.equals(s.state()));
        return alert(claim, RunAlert.refreshProblems(claim, results, config), failed ? Outcome.FAILED : Outcome.SKIPPED,
                "Power BI: " + summary);
    }

    private SendResult alert(Claim claim, RunAlert alert, Outcome outcome, String detail) throws SQLException {
        String messageId;
        try {
            messageId = sns.publish("notifier.sns.topic-arn", config.sns().topicArn(), redaction.redact(alert.subject()),
                    redaction.redact(alert.message()));
        } catch (RuntimeException e) {
            metrics.alert(false);
            String reason = redaction.redact(detail + "; SNS alert NOT published: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
            // not FAILED: the alert is still owed; released, so the inbox's next try claims and resumes it
            ledger.release(claim, reason);
            LOG.errorf("run %s attempt %d: %s; the send stays PENDING and is tried again", claim.runId(),
                    claim.attempt(), reason);
            throw new NotificationFailed(reason, e);
        }
        metrics.alert(true);
        LOG.infof("run %s attempt %d: SNS alert published (message id %s)", claim.runId(), claim.attempt(), messageId);
        return finish(claim, outcome, detail + "; SNS alert " + messageId);
    }

    private SendResult finish(Claim claim, Outcome outcome, String detail) throws SQLException {
        String safe = redaction.redact(detail);
        if (!ledger.finish(claim, outcome, safe)) {
            LOG.warnf("run %s attempt %d send %d: outcome %s not recorded, the claim was no longer PENDING",
                    claim.runId(), claim.attempt(), claim.sendNo(), outcome);
        }
        metrics.notification(claim.kind().name(), outcome.name());
        LOG.infof("run %s attempt %d send %d: %s (%s)", claim.runId(), claim.attempt(), claim.sendNo(), outcome, safe);
        return new SendResult(outcome, safe);
    }
}
