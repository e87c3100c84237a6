package com.multistore.elt.loader.rest;

import com.multistore.elt.events.Entity;
import com.multistore.elt.loader.service.DeadLetterRedrive;
import com.multistore.elt.service.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /dead-letters/redrive} (admin) {@code {"runId": "...", "store": "...", "entity": "orders"}} (store and
 * entity optional): stages the run's dead letters again after a fix; answers what staged, what failed again and why,
 * and the loads sent again. The transformer merges them on a replay of the run.
 */
@Path("/dead-letters/redrive")
@AdminOnly
public class DeadLetterResource {

    /** The request body. */
    public record RedriveRequest(String runId, String store, String entity) {
    }

    @Inject
    DeadLetterRedrive redrive;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response redrive(RedriveRequest request) throws SQLException {
        try {
            if (request == null) {
                throw new IllegalArgumentException("a JSON body {\"runId\": ...} is required");
            }
            Entity entity = request.entity() == null ? null : Entity.fromCode(request.entity());
            DeadLetterRedrive.Outcome outcome = redrive.redrive(request.runId(), request.store(), entity);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runId", outcome.runId());
            body.put("redriven", outcome.redriven());
            body.put("failedAgain", outcome.failedAgain());
            body.put("reasons", outcome.reasons());
            body.put("loads", outcome.loads());
            body.put("next", outcome.redriven() > 0
                    ? "merge them: POST /replay {\"runId\": \"" + outcome.runId() + "\"} on the transformer"
                    : "nothing staged; fix what the reasons say and redrive again");
            return Response.ok(body).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
