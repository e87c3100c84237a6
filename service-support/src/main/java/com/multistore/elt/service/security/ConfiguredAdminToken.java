package com.multistore.elt.service.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The admin token of this service, read when the application starts (runtime configuration: the environment, the
 * host's file, or AWS Secrets Manager through aws-support), not when the REST filter is built at static init.
 */
@Startup
@ApplicationScoped
public class ConfiguredAdminToken {

    private static final Logger LOG = Logger.getLogger(ConfiguredAdminToken.class);

    private final AdminToken token;

    public ConfiguredAdminToken(@ConfigProperty(name = "pipeline.admin.token") Optional<String> configured) {
        this.token = new AdminToken(configured);
        if (!token.configured()) {
            LOG.warn("pipeline.admin.token is not set: admin endpoints refuse every call");
        }
    }

    public boolean admits(String authorizationHeader) {
        return token.admits(authorizationHeader);
    }
}
