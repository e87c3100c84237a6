package com.multistore.elt.extractor.service;

import java.time.Instant;
import java.util.Map;

/** What one store x entity extract published: records, largest updatedAt, acknowledged end offsets, cost. */
public record ExtractResult(long records, Instant largestUpdatedAt, Map<Integer, Long> endOffsets, double cost) {
}
