package com.multistore.elt.notifier.rest;

import com.multistore.elt.notifier.service.NotificationFailed;
import com.multistore.elt.notifier.service.NotificationReplay;
import com.multistore.elt.service.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.Map;

/** {@code POST /replay {"runId": "...", "attempt": 2}}: re-sends a run's notification (admin token). */
@Path("/replay")
@AdminOnly
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

    public record ReplayRequest(String runId, Integer attempt) {
    }

    @Inject
    NotificationReplay replay;

    @POST
    public Response replay(ReplayRequest request) throws SQLException {
        if (request == null || request.runId() == null || request.runId().isBlank()) {
            return error(400, "runId is required");
        }
        if (request.attempt() != null && request.attempt() < 1) {
            return error(400, "attempt must be 1 or more");
        }
        try {
            return Response.ok(replay.replay(request.runId().trim(), request.attempt())).build();
        } catch (NotificationReplay.Refused e) {
            return error(e.status(), e.getMessage());
        } catch (NotificationFailed e) {
            return error(502, e.getMessage());
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(Map.of("error", message)).build();
    }
}
