package com.multistore.elt.loader.repository;

import java.time.Instant;

/**
 * One (store, entity) of a run as the loader sees it: what is staged and dead-lettered so far, and, once the load is
 * declared, what its {@code etl.load.completed} said ({@code status} is STAGING until then; the declared counts are
 * null).
 */
public record RunLoad(String store, String entity, long stagedSoFar, long deadLetteredSoFar, int archivedBatches,
                      String archiveError, String status, Long stagedCount, Long deadLetteredCount, String archiveUri,
                      String error, Instant declaredAt) {
}
