package com.multistore.elt.extractor.service;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One store x entity of a run: its mode and window ({@code from} null = whole history; {@code to} null = up to now).
 * {@code advancesWatermark} is false for replays, which re-extract an old window. {@code businessDate} is the store's
 * business date in the run (the date in its time zone when the run started), which every record it extracts carries.
 */
public record PlannedItem(String store, Entity entity, ExtractMode mode, Instant from, Instant to,
                          boolean advancesWatermark, LocalDate businessDate) {
}
