package com.multistore.elt.loader.archive;

import com.multistore.elt.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Produces the configured archive. */
@ApplicationScoped
public class ArchiveTargets {

    @Produces
    @ApplicationScoped
    RawArchive archive(LoaderConfig config) {
        return new DirectoryArchive(config.archive().directory());
    }
}
