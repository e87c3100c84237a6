package com.multistore.elt.olist;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * What happens to one order over time, drawn once from the seed and the order id, so that the database created today
 * and the one advanced day by day to the same moment agree: when it is approved, handed to the carrier, delivered and
 * reviewed (and when the review is answered), or that it is canceled or unavailable (the shop sold what it did not have:
 * an order without items). {@link #statusAt} is the order's state at a moment.
 */
record OrderLifecycle(Instant purchase, Instant approved, Instant carrier, Instant delivered, Instant estimated,
                      Fate fate, Instant reviewCreated, Instant reviewAnswered) {

    enum Fate { DELIVERED, CANCELED, UNAVAILABLE }

    static OrderLifecycle of(long seed, String orderId, Instant purchase, java.time.ZoneId zone) {
        Random r = new Random(seed * 31 + orderId.hashCode());
        double fate = r.nextDouble();
        Fate f = fate < 0.012 ? Fate.CANCELED : fate < 0.02 ? Fate.UNAVAILABLE : Fate.DELIVERED;
        Instant approved = r.nextDouble() < 0.01 && f == Fate.CANCELED ? null
                : purchase.plus(Duration.ofMinutes(10 + r.nextInt(60 * 30)));
        Instant carrier = f != Fate.DELIVERED || approved == null ? null
                : approved.plus(Duration.ofHours(12 + r.nextInt(24 * 4)));
        Instant delivered = carrier == null ? null : carrier.plus(Duration.ofHours(24 + r.nextInt(24 * 14)));
        Instant estimated = purchase.plus(Duration.ofDays(12 + r.nextInt(20)));
        Instant reviewCreated = null;
        Instant reviewAnswered = null;
        if (delivered != null && r.nextDouble() < 0.93) {
            // most reviews the day after delivery; some weeks later (a late review of an old order)
            long days = r.nextDouble() < 0.1 ? 10 + r.nextInt(20) : 1;
            // the survey is dated at the start of its local day (as Olist's review_creation_date), and it is written
            // then: a row never appears later with a cursor older than a run that already read past it
            reviewCreated = delivered.plus(Duration.ofDays(days)).atZone(zone).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                    .toInstant();
            reviewAnswered = reviewCreated.plus(Duration.ofMinutes(2 * 60 + r.nextInt(3 * 24 * 60)));
        }
        return new OrderLifecycle(purchase, approved, carrier, delivered, estimated, f, reviewCreated, reviewAnswered);
    }

    /** The order's status at a moment (Olist's values). */
    String statusAt(Instant t) {
        if (fate == Fate.UNAVAILABLE) {
            return approved != null && !approved.isAfter(t) ? "unavailable" : "created";
        }
        if (fate == Fate.CANCELED) {
            return "canceled";
        }
        if (delivered != null && !delivered.isAfter(t)) {
            return "delivered";
        }
        if (carrier != null && !carrier.isAfter(t)) {
            return "shipped";
        }
        if (approved != null && !approved.isAfter(t)) {
            return "approved";
        }
        return "created";
    }

    /** A moment if it has come by t, else null. */
    static Instant by(Instant moment, Instant t) {
        return moment != null && !moment.isAfter(t) ? moment : null;
    }
}
