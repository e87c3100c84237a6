package com.multistore.elt.olist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;
import java.util.Optional;

/** Where the Olist source database is and what to generate into it ({@code olist.*}). */
@ConfigMapping(prefix = "olist")
public interface OlistConfig {

    Source source();

    Generate generate();

    /** The database: a JDBC URL of PostgreSQL, its credentials, and the schema of the 11 tables. */
    interface Source {
        String url();

        Optional<String> user();

        Optional<String> password();

        @WithDefault("public")
        String schema();
    }

    /** The seed, the sizes of a new database, and the shop's zone (its timestamps are local times there). */
    interface Generate {
        long seed();

        ZoneId timeZone();

        int customers();

        int sellers();

        int products();

        int orders();

        int leads();

        int historyDays();
    }
}
