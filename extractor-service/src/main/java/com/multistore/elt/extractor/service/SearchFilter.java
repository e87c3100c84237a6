package com.multistore.elt.extractor.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Shopify's search filter for a window of {@code updated_at} (dates quoted; null when the window is unbounded). */
public final class SearchFilter {

    private SearchFilter() {
    }

    /** {@code updated_at:>='from' AND updated_at:<'to'}, either side optional; null for no bound at all. */
    public static String updatedAt(Instant from, Instant to) {
        StringBuilder filter = new StringBuilder();
        if (from != null) {
            filter.append("updated_at:>='").append(from.truncatedTo(ChronoUnit.SECONDS)).append('\'');
        }
        if (to != null) {
            if (!filter.isEmpty()) {
                filter.append(" AND ");
            }
            filter.append("updated_at:<'").append(to.truncatedTo(ChronoUnit.SECONDS)).append('\'');
        }
        return filter.isEmpty() ? null : filter.toString();
    }
}
