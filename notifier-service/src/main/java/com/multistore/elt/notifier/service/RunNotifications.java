package com.multistore.elt.notifier.service;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.notifier.repository.NotificationLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;

/**
 * Decides what a finished run is owed: a Power BI refresh when it succeeded, an SNS alert when it failed; and
 * claims it in the ledger so a re-delivered event is a no-op.
 */
@ApplicationScoped
public class RunNotifications {

    private static final Logger LOG = Logger.getLogger(RunNotifications.class);

    @Inject
    NotificationLedger ledger;

    @Retry(maxRetries = 3, delay = 500, jitter = 200, delayUnit = ChronoUnit.MILLIS, retryOn = SQLException.class)
    public void onTransformCompleted(TransformCompleted event) throws SQLException {
        NotificationLedger.Kind kind = event.status() == Status.SUCCEEDED
                ? NotificationLedger.Kind.POWERBI_REFRESH : NotificationLedger.Kind.SNS_ALERT;
        if (!ledger.claim(event.runId(), event.attempt(), kind)) {
            LOG.infof("run %s attempt %d: already notified, duplicate event ignored", event.runId(), event.attempt());
            return;
        }
        LOG.infof("run %s attempt %d: %s claimed (transform %s)", event.runId(), event.attempt(), kind, event.status());
    }
}
