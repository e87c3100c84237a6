package com.multistore.elt.extractor.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bucket estimate refills at restoreRate, is capped at the maximum, and pacing waits exactly for the gap. */
class ThrottleBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void unknownBucketNeverWaits() {
        assertEquals(Duration.ZERO, new ThrottleBucket().waitFor(500, 0));
    }

    @Test
    void refillIsLinearAndCapped() {
        ThrottleBucket bucket = new ThrottleBucket();
        bucket.observe(2000, 100, 100, 0);

        assertEquals(600.0, bucket.estimate(5 * SECOND), 0.001);
        assertEquals(2000.0, bucket.estimate(100 * SECOND), 0.001);
    }

    @Test
    void waitCoversTheMissingPoints() {
        ThrottleBucket bucket = new ThrottleBucket();
        bucket.observe(2000, 100, 100, 0);

        assertEquals(Duration.ofMillis(2000), bucket.waitFor(300, 0));
        assertEquals(Duration.ZERO, bucket.waitFor(300, 2 * SECOND));
    }

    @Test
    void spendingReservesPointsForTheNextCaller() {
        ThrottleBucket bucket = new ThrottleBucket();
        bucket.observe(1000, 1000, 50, 0);
        bucket.spend(900, 0);

        assertEquals(Duration.ofMillis(16_000), bucket.waitFor(900, 0));
    }

    @Test
    void aQueryDearerThanTheBucketWaitsForAFullBucketOnly() {
        ThrottleBucket bucket = new ThrottleBucket();
        bucket.observe(1000, 0, 50, 0);

        assertEquals(Duration.ofMillis(20_000), bucket.waitFor(5000, 0));
    }

    @Test
    void attemptsThatGetNoAnswerNeverMakeAWaitLongerThanAFullRefill() {
        ThrottleBucket bucket = new ThrottleBucket();
        bucket.observe(2000, 2000, 100, 0);
        for (int attempt = 0; attempt < 5; attempt++) {
            bucket.spend(3000, 0);   // e.g. five 5xx answers in a row: no throttleStatus to correct the estimate
        }

        assertEquals(Duration.ofSeconds(20), bucket.waitFor(3000, 0), "at most maximumAvailable / restoreRate");
    }
}
