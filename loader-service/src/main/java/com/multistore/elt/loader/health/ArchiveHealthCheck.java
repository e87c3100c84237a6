package com.multistore.elt.loader.health;

import com.multistore.elt.loader.archive.RawArchive;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the archive can be written (a failed archive write fails the load). */
@Readiness
@ApplicationScoped
public class ArchiveHealthCheck implements HealthCheck {

    static final String NAME = "Raw archive writable";

    @Inject
    RawArchive archive;

    @Override
    public HealthCheckResponse call() {
        try {
            archive.checkWritable();
            return HealthCheckResponse.builder().name(NAME).up().withData("root", archive.uri("")).build();
        } catch (Exception e) {
            return HealthCheckResponse.builder().name(NAME).down()
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
