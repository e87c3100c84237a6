package com.multistore.elt.extractor.rest;

import com.multistore.elt.extractor.service.RunConflictException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** 409 with the running run's id; 400 for a request that cannot be planned. */
public class RunErrors {

    @ServerExceptionMapper
    public Response conflict(RunConflictException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage(), "store", e.store(), "runningRunId", e.runningRunId())).build();
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", String.valueOf(e.getMessage()))).build();
    }
}
