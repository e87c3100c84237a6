package com.multistore.elt.extractor.config;

import io.smallrye.config.ConfigMapping;

import java.time.ZoneId;
import java.util.Optional;

/**
 * The daily run: {@code pipeline.schedule.*} (Quarkus cron: second minute hour day month weekday). Off unless the
 * deployment sets both: when a run starts is a business's choice, so nothing here defaults to one. The zone decides
 * only when the run starts; each store's own zone decides its business date.
 */
@ConfigMapping(prefix = "pipeline.schedule")
public interface ScheduleConfig {

    /** The cron expression, or {@code off}. */
    Optional<String> cron();

    /**
     * The zone the cron expression is read in (IANA); required with a cron. Text, not a ZoneId: the scheduler's own
     * expression for this key can hand the mapping an empty value, which is "not set" here.
     */
    Optional<String> timeZone();

    /** The zone, when set (a blank value is not set); throws naming the key when it is not an IANA zone. */
    default Optional<ZoneId> zone() {
        return timeZone().map(String::trim).filter(z -> !z.isEmpty()).map(z -> {
            try {
                return ZoneId.of(z);
            } catch (java.time.DateTimeException e) {
                throw new IllegalStateException("pipeline.schedule.time-zone is not an IANA time zone: '" + z + "'", e);
            }
        });
    }

    default boolean enabled() {
        return cron().filter(c -> !c.isBlank() && !"off".equalsIgnoreCase(c.trim())).isPresent();
    }
}
