package com.multistore.elt.loader.rest;

import com.multistore.elt.loader.repository.LoadRepository;
import com.multistore.elt.loader.repository.ReplayRepository;
import com.multistore.elt.service.security.AdminOnly;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /runs/{id}} (admin): what the loader staged and declared for a run, and the replay when it is one. */
@Path("/runs")
@AdminOnly
public class RunResource {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoadRepository loads;

    @Inject
    ReplayRepository replays;

    @GET
    @Path("/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response run(@PathParam("runId") String runId) throws SQLException {
        List<Map<String, Object>> runLoads;
        try (Connection connection = dataSource.getConnection()) {
            runLoads = loads.runLoads(connection, runId);
        }
        Optional<Map<String, Object>> replay = replays.find(runId);
        if (runLoads.isEmpty() && replay.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no run " + runId)).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("replay", replay.orElse(null));
        body.put("loads", runLoads);
        return Response.ok(body).build();
    }
}
