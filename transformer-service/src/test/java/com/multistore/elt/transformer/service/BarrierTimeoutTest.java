package com.multistore.elt.transformer.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The barrier outlasts the longest bulk extraction unless an operator sets it. */
class BarrierTimeoutTest {

    @Test
    void unsetItIsTheBulkTimeoutPlusTheMargin() {
        Duration barrier = BarrierTimeout.derive(Optional.empty(), Duration.ofHours(6), Duration.ofHours(1));
        assertEquals(Duration.ofHours(7), barrier);
        assertTrue(barrier.compareTo(Duration.ofHours(6)) > 0, "a 6 h first load is not failed at the barrier");
        assertEquals(Duration.ofHours(13), BarrierTimeout.derive(Optional.empty(), Duration.ofHours(12), Duration.ofHours(1)),
                "it follows the bulk timeout");
    }

    @Test
    void setItIsWhatTheOperatorSaid() {
        assertEquals(Duration.ofSeconds(20), BarrierTimeout.derive(Optional.of(Duration.ofSeconds(20)), Duration.ofHours(6),
                Duration.ofHours(1)));
    }
}
