package com.multistore.elt.service.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code pipeline.inbox.*}: how the event inbox tries a transient failure again (doubling, up to the maximum). */
@ConfigMapping(prefix = "pipeline.inbox")
public interface InboxConfig {

    @WithDefault("PT0.5S")
    Duration retryInitial();

    @WithDefault("PT30S")
    Duration retryMax();
}
