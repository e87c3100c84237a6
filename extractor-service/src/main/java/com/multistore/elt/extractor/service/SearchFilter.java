package com.multistore.elt.extractor.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Shopify's search filters: a window of {@code updated_at} (dates quoted; null when unbounded), and the deletions'. */
public final class SearchFilter {

    /** The subjects whose destroy events the pipeline reads (EventSubjectType). */
    static final String DELETED_SUBJECTS =
            "(subject_type:PRODUCT OR subject_type:PRODUCT_VARIANT OR subject_type:ORDER OR subject_type:CUSTOMER)";

    private SearchFilter() {
    }

    /** {@code updated_at:>='from' AND updated_at:<'to'}, either side optional; null for no bound at all. */
    public static String updatedAt(Instant from, Instant to) {
        String window = window("updated_at", from, to);
        return window.isEmpty() ? null : window;
    }

    /**
     * The destroy events of products, variants, orders and customers created in the window (either side optional):
     * {@code action:destroy AND (subject_type:PRODUCT OR ...) AND created_at:>='from' AND created_at:<'to'}.
     */
    public static String deletions(Instant from, Instant to) {
        String window = window("created_at", from, to);
        return "action:destroy AND " + DELETED_SUBJECTS + (window.isEmpty() ? "" : " AND " + window);
    }

    private static String window(String field, Instant from, Instant to) {
        StringBuilder filter = new StringBuilder();
        if (from != null) {
            filter.append(field).append(":>='").append(from.truncatedTo(ChronoUnit.SECONDS)).append('\'');
        }
        if (to != null) {
            if (!filter.isEmpty()) {
                filter.append(" AND ");
            }
            filter.append(field).append(":<'").append(to.truncatedTo(ChronoUnit.SECONDS)).append('\'');
        }
        return filter.toString();
    }
}
