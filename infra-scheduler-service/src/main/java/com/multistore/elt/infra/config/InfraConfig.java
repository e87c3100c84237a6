package com.multistore.elt.infra.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The ETL host(s) this service starts and stops, and when ({@code infra.*}). */
@ConfigMapping(prefix = "infra")
public interface InfraConfig {

    /** The EC2 instance ids the schedule starts and stops; REST calls are accepted only for these. */
    Optional<List<String>> instanceIds();

    Schedule schedule();

    State state();

    Stop stop();

    Runs runs();

    Sns sns();

    /**
     * Read by the scheduler's annotations in {@code DailySchedule}; "off" (the default) disables a trigger. When the
     * host starts and stops is the deployment's choice (.env), never a default here.
     */
    interface Schedule {
        @WithDefault("off")
        String startCron();

        @WithDefault("off")
        String stopCron();

        /** The zone the crons are read in. */
        @WithDefault("UTC")
        String zone();
    }

    interface State {
        /** How long a start/stop waits for the instance to reach running/stopped. */
        @WithDefault("PT5M")
        Duration waitTimeout();

        @WithDefault("PT5S")
        Duration pollInterval();
    }

    interface Stop {
        /** How often a postponed stop is tried again. */
        @WithDefault("5m")
        String retryEvery();

        /** A stop postponed by a run in progress is forced (with an SNS alert) this long after it was asked for. */
        @WithDefault("PT2H")
        Duration gracePeriod();
    }

    interface Runs {
        /** A run started longer ago than this without finishing no longer holds the host (its events were lost). */
        @WithDefault("PT12H")
        Duration maxAge();

        /**
         * Also count runs the transformer's {@code ops.etl_runs} shows RUNNING (a second witness, and the only one
         * when this service runs without a Kafka consumer, e.g. as a Lambda).
         */
        @WithDefault("true")
        boolean useRunTable();
    }

    interface Sns {
        Optional<String> topicArn();
    }
}
