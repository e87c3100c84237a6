package com.multistore.elt.extractor.repository;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;

import java.math.BigDecimal;
import java.time.Instant;

/** Progress of one store x entity of a run, as {@code GET /runs/{id}} shows it. */
public record RunItem(String store, Entity entity, ExtractMode mode, String status, long records, BigDecimal costSpent,
                      Instant watermarkFrom, Instant watermarkTo, Instant candidateWatermark, String watermarkState,
                      String bulkOperationId, Instant startedAt, Instant endedAt, String error) {
}
