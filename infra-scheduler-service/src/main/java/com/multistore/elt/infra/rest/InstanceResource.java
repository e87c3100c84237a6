package com.multistore.elt.infra.rest;

import com.multistore.elt.events.InstanceEvent;
import com.multistore.elt.infra.config.InfraConfig;
import com.multistore.elt.infra.service.HostLifecycle;
import com.multistore.elt.service.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.core.exception.SdkException;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Start, stop and look at the managed instances (admin token). Only ids in {@code infra.instance-ids} are accepted. */
@Path("/instances/{id}")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResource {

    @Inject
    HostLifecycle lifecycle;

    @Inject
    InfraConfig config;

    @GET
    public Response state(@PathParam("id") String id) throws SQLException {
        if (!managed(id)) {
            return unknown(id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instanceId", id);
        body.put("state", aws(() -> lifecycle.state(id)));
        lifecycle.postponedStop(id).ifPresent(p -> body.put("pendingStop", Map.of("reason", p.reason(),
                "postponements", p.postponements(), "waitedSeconds", p.waited().toSeconds())));
        return Response.ok(body).build();
    }

    @POST
    @Path("/start")
    public Response start(@PathParam("id") String id) {
        if (!managed(id)) {
            return unknown(id);
        }
        return Response.ok(aws(() -> lifecycle.start(id, "manual start (REST)"))).build();
    }

    /** 200 when stopped, 202 when postponed because a run is in progress ({@code force=true} stops anyway). */
    @POST
    @Path("/stop")
    public Response stop(@PathParam("id") String id, @QueryParam("force") @DefaultValue("false") boolean force)
            throws SQLException {
        if (!managed(id)) {
            return unknown(id);
        }
        HostLifecycle.Result result;
        try {
            result = lifecycle.stop(id, "manual stop (REST)", force);
        } catch (SdkException e) {
            throw new AwsCallFailed(e);
        }
        return Response.status(result.action() == InstanceEvent.Action.STOP_POSTPONED ? 202 : 200).entity(result).build();
    }

    private boolean managed(String id) {
        return config.instanceIds().orElse(List.of()).contains(id);
    }

    private static Response unknown(String id) {
        return Response.status(404).entity(Map.of("error", "instance " + id + " is not managed by this service"
                + " (infra.instance-ids)")).build();
    }

    private static <T> T aws(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new AwsCallFailed(e);
        }
    }
}
