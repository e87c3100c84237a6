package com.multistore.elt.extractor.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;

import java.time.Instant;

/**
 * One store x entity of a run: its mode and window ({@code from} null = whole history; {@code to} null = up to now).
 * {@code advancesWatermark} is false for replays, which re-extract an old window.
 */
public record PlannedItem(String store, Entity entity, ExtractMode mode, Instant from, Instant to,
                          boolean advancesWatermark) {
}
