package com.multistore.elt.loader.rest;

import com.multistore.elt.loader.service.ReplayRequest;
import com.multistore.elt.loader.service.ReplayService;
import com.multistore.elt.service.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /replay} (admin): re-stage a business day under a new run id; answers 202 with the run id. */
@Path("/replay")
@AdminOnly
public class ReplayResource {

    @Inject
    ReplayService replays;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response replay(ReplayRequest request) throws SQLException {
        try {
            ReplayService.Replay replay = replays.start(request);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runId", replay.runId());
            body.put("businessDate", replay.date().toString());
            body.put("source", replay.source());
            body.put("status", "RUNNING");
            return Response.accepted(body).location(URI.create("/runs/" + replay.runId())).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
