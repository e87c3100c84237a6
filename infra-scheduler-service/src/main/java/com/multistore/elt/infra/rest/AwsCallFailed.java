package com.multistore.elt.infra.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Map;

/** An EC2 call that failed, answered as 502 with AWS's message (which never holds our credentials). */
class AwsCallFailed extends WebApplicationException {
    AwsCallFailed(SdkException cause) {
        super(cause, Response.status(502).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "EC2 call failed: " + cause.getMessage())).build());
    }
}
