package com.multistore.elt.transformer.service;

import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.transformer.messaging.TransformEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Publishes a run attempt's outcome and waits for the broker's acknowledgement, with bounded retries. */
@ApplicationScoped
public class TransformCompletedPublisher {

    private static final Logger LOG = Logger.getLogger(TransformCompletedPublisher.class);

    private final TransformEvents events;

    public TransformCompletedPublisher(TransformEvents events) {
        this.events = events;
    }

    @Retry(maxRetries = 3, delay = 2, delayUnit = ChronoUnit.SECONDS)
    public void publish(TransformCompleted outcome) {
        events.transformCompleted(outcome).await().atMost(Duration.ofSeconds(30));
        LOG.infof("run %s attempt %d: etl.transform.completed %s (dq passed %d, warned %d, failed %d)",
                outcome.runId(), outcome.attempt(), outcome.status(), outcome.dq().passed(), outcome.dq().warned(),
                outcome.dq().failed());
    }
}
