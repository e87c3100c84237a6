package com.multistore.elt.extractor.service;

import com.multistore.elt.events.ExtractObservation;

import java.time.Instant;
import java.util.Map;

/**
 * What one store x entity extract published: records, largest updatedAt, acknowledged end offsets, cost, and the
 * observation for the reconciliation.
 */
public record ExtractResult(long records, Instant largestUpdatedAt, Map<Integer, Long> endOffsets, double cost,
                            ExtractObservation observed) {
}
