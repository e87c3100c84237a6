package com.multistore.elt.service.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Guards {@link AdminOnly} endpoints. The token comes from {@code pipeline.admin.token} (environment
 * {@code PIPELINE_ADMIN_TOKEN}, the host's file, or AWS Secrets Manager), read at start-up ({@link ConfiguredAdminToken}); without one configured every admin call is refused. The answer to a
 * refused call never echoes what was presented.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(AdminTokenFilter.class);

    private final ConfiguredAdminToken token;

    public AdminTokenFilter(ConfiguredAdminToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!token.admits(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            LOG.infof("admin call refused: %s %s", request.getMethod(), request.getUriInfo().getPath());
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pipeline-admin\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity("{\"error\":\"admin bearer token required\"}")
                    .build());
        }
    }
}
