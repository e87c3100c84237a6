package com.multistore.elt.extractor.service;

import com.multistore.elt.events.ExtractObservation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one store x entity extract published: records, largest updatedAt, acknowledged end offsets, cost, the
 * observation for the reconciliation, and for orders the GIDs of the refunds they list (whose details the store's
 * refunds item asks next; empty for every other entity).
 */
public record ExtractResult(long records, Instant largestUpdatedAt, Map<Integer, Long> endOffsets, double cost,
                            ExtractObservation observed, List<String> refundIds) {
}
