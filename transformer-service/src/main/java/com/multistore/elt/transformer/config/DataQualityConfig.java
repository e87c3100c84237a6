package com.multistore.elt.transformer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Data-quality thresholds ({@code pipeline.dq.*}). */
@ConfigMapping(prefix = "pipeline.dq")
public interface DataQualityConfig {

    /** Warn when the newest order update is older than this many hours. */
    @WithDefault("48")
    int freshnessHours();

    /** Warn when a table lost more than this share of its rows since the previous run. */
    @WithDefault("0.5")
    double maxDropRatio();
}
