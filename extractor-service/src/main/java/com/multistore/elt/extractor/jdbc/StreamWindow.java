package com.multistore.elt.extractor.jdbc;

import java.time.LocalDateTime;

/**
 * The cursor window of one run of an incremental stream (and of its children), in the source's local time:
 * {@code [lower, upper)}, {@code lower} null for the whole history (a first load), {@code upper} frozen at the run's
 * start minus the source's lag.
 */
public record StreamWindow(LocalDateTime lower, LocalDateTime upper) {

    public StreamWindow {
        if (upper == null) {
            throw new IllegalArgumentException("a window has an upper bound");
        }
        if (lower != null && !lower.isBefore(upper)) {
            throw new IllegalArgumentException("an empty window: [" + lower + ", " + upper + ")");
        }
    }
}
