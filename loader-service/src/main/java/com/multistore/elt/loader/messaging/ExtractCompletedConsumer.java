package com.multistore.elt.loader.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.loader.service.BarrierService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;

/**
 * Consumes {@code etl.extract.completed}: each completion waits at the barrier (several may wait at once) and then
 * becomes an {@code etl.load.completed}. An unreadable completion goes to {@code etl.dlq} (failure strategy).
 */
@ApplicationScoped
public class ExtractCompletedConsumer {

    @Inject
    BarrierService barrier;

    @Incoming("extract-completed")
    @Blocking(ordered = false)
    @Retry(maxRetries = 5, delay = 2, delayUnit = ChronoUnit.SECONDS, abortOn = {UnreadableEventException.class, InterruptedException.class})
    public void onExtractCompleted(String json) throws SQLException, InterruptedException {
        barrier.onExtractCompleted(read(json));
    }

    private static ExtractCompleted read(String json) {
        try {
            ExtractCompleted event = EventJson.mapper().readValue(json, ExtractCompleted.class);
            if (event.runId() == null || event.store() == null || event.entity() == null || event.status() == null) {
                throw new UnreadableEventException("etl.extract.completed lacks runId, store, entity or status");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("unreadable etl.extract.completed: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("unreadable etl.extract.completed: " + e.getMessage());
        }
    }

    /** A completion event that cannot be read (never retried). */
    public static class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String message) {
            super(message);
        }
    }
}
