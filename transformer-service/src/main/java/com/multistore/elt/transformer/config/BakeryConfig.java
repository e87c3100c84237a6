package com.multistore.elt.transformer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;

/** The bakery marts ({@code pipeline.bakery.*}); the week is in each store's own time zone. */
@ConfigMapping(prefix = "pipeline.bakery")
public interface BakeryConfig {

    /** The first day of the bakery week. */
    @WithDefault("MONDAY")
    DayOfWeek weekStart();
}
