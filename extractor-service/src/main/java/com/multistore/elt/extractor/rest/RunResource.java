package com.multistore.elt.extractor.rest;

import com.multistore.elt.events.Entity;
import com.multistore.elt.events.ExtractMode;
import com.multistore.elt.events.RunStarted;
import com.multistore.elt.events.RunTrigger;
import com.multistore.elt.extractor.service.RunLedger;
import com.multistore.elt.extractor.repository.RunView;
import com.multistore.elt.extractor.service.RunRequest;
import com.multistore.elt.extractor.service.RunService;
import com.multistore.elt.service.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /runs} starts a run (admin), {@code POST /replay} re-extracts an updated_at window (admin),
 * {@code GET /runs/{id}} shows its progress per store x entity. 409 names the run still extracting a store.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    @Inject
    RunService runs;

    @Inject
    RunLedger ledger;

    /** Body of POST /runs: all optional. */
    public record RunBody(List<String> stores, List<Entity> entities, ExtractMode mode) {
    }

    /** Body of POST /replay: the window is required. */
    public record ReplayBody(List<String> stores, List<Entity> entities, ExtractMode mode, Instant from, Instant to) {
    }

    @POST
    @Path("runs")
    @AdminOnly
    public Response start(RunBody body) {
        RunBody b = body == null ? new RunBody(null, null, null) : body;
        if (b.mode() == ExtractMode.SNAPSHOT) {
            throw new IllegalArgumentException("mode SNAPSHOT is for inventory only; ask BULK or INCREMENTAL");
        }
        RunStarted started = runs.start(RunTrigger.MANUAL, new RunRequest(b.stores(), b.entities(),
                b.mode() == ExtractMode.INCREMENTAL ? null : b.mode(), null, null));
        return Response.accepted(started).build();
    }

    @POST
    @Path("replay")
    @AdminOnly
    public Response replay(ReplayBody body) {
        if (body == null || body.from() == null || body.to() == null) {
            throw new IllegalArgumentException("replay needs a window: {\"from\": ISO instant, \"to\": ISO instant}");
        }
        RunStarted started = runs.start(RunTrigger.REPLAY,
                new RunRequest(body.stores(), body.entities(), body.mode(), body.from(), body.to()));
        return Response.accepted(started).build();
    }

    @GET
    @Path("runs/{id}")
    public RunView run(@PathParam("id") String id) {
        return ledger.find(id).orElseThrow(() -> new NotFoundException("no run " + id));
    }
}
