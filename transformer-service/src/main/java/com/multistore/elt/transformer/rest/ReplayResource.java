package com.multistore.elt.transformer.rest;

import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.service.security.AdminOnly;
import com.multistore.elt.transformer.service.ReplayService;
import com.multistore.elt.transformer.service.ReplayService.ReplayRefused;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.common.annotation.Blocking;

import java.util.Map;

/** {@code POST /replay {"runId": "..."}}: re-runs a run's merges as its next attempt (admin token). */
@Path("/replay")
@AdminOnly
public class ReplayResource {

    private final ReplayService replays;

    public ReplayResource(ReplayService replays) {
        this.replays = replays;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response replay(ReplayRequest request) throws Exception {
        if (request == null || request.runId() == null || request.runId().isBlank()) {
            return Response.status(400).entity(Map.of("error", "runId is required")).build();
        }
        try {
            TransformCompleted outcome = replays.replay(request.runId().trim());
            return Response.ok(outcome).build();
        } catch (ReplayRefused refused) {
            return Response.status(refused.status()).entity(Map.of("error", refused.getMessage())).build();
        }
    }

    /** The body of a replay request. */
    public record ReplayRequest(String runId) {
    }
}
