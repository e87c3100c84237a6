package com.multistore.elt.notifier.service;

import com.multistore.elt.notifier.config.NotifierConfig;
import com.multistore.elt.notifier.service.NotificationLedger.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code POST /replay}: re-sends a run attempt's notification from the event stored with its original claim. A replay
 * is an operator's explicit request, so it is not deduplicated: each call is a new send, recorded as its own row
 * (send_no 1, 2, ...) next to the once-per-attempt row (send_no 0) that events can never send twice. The one exception
 * is an original send left PENDING by a crash (lease run out): the replay resumes it instead of adding a send.
 */
@ApplicationScoped
public class NotificationReplay {

    /** Why a replay cannot be done, with the HTTP status that says so. */
    public static class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public record Replayed(String runId, int attempt, int sendNo, String kind, String outcome, String detail) {
    }

    private static final Logger LOG = Logger.getLogger(NotificationReplay.class);

    @Inject
    NotificationLedger ledger;

    @Inject
    RunNotifications notifications;

    @Inject
    NotifierConfig config;

    public Replayed replay(String runId, Integer attempt) throws SQLException {
        var original = ledger.original(runId, attempt).orElseThrow(() -> new Refused(404,
                "no notification of run " + runId + (attempt == null ? "" : " attempt " + attempt)
                        + ": the notifier has not received its etl.transform.completed event"));
        if (original.eventJson() == null) {
            throw new Refused(409, "run " + runId + " attempt " + original.attempt() + " has no stored event to replay");
        }
        boolean pending = "PENDING".equals(original.status());
        if (pending && original.leased()) {
            throw new Refused(409, "the notification of run " + runId + " attempt " + original.attempt()
                    + " is being sent right now");
        }
        Optional<Claim> claim = pending ? ledger.resume(runId, original, config.claimLease())
                : ledger.claimReplay(runId, original.attempt(), config.claimLease());
        Claim owned = claim.orElseThrow(() -> new Refused(409, "another replay of run " + runId + " got there first"));
        LOG.infof("run %s attempt %d: replay %s (send %d)", runId, owned.attempt(),
                pending ? "resumes the interrupted original" : "re-sends the notification", owned.sendNo());
        RunNotifications.SendResult result = notifications.deliver(owned);
        return new Replayed(runId, owned.attempt(), owned.sendNo(), owned.kind().name(), result.outcome().name(),
                result.detail());
    }
}
