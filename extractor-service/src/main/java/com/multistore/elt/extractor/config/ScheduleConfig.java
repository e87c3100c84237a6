package com.multistore.elt.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The daily run: {@code pipeline.schedule.*} (Quarkus cron: second minute hour day month weekday). */
@ConfigMapping(prefix = "pipeline.schedule")
public interface ScheduleConfig {

    @WithDefault("0 0 17 * * ?")
    String cron();

    @WithDefault("Asia/Kolkata")
    String timeZone();
}
