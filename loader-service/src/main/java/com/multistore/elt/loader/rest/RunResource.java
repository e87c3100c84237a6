package com.multistore.elt.loader.rest;

import com.multistore.elt.loader.service.RunReports;
import com.multistore.elt.service.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.Map;

/** {@code GET /runs/{id}} (admin): what the loader staged and declared for a run, and the replay when it is one. */
@Path("/runs")
@AdminOnly
public class RunResource {

    @Inject
    RunReports reports;

    @GET
    @Path("/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response run(@PathParam("runId") String runId) throws SQLException {
        return reports.run(runId)
                .map(report -> Response.ok(report).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(Map.of("error", "no run " + runId)).build());
    }
}
