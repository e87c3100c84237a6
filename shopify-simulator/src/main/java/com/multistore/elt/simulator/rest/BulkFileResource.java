package com.multistore.elt.simulator.rest;

import com.multistore.elt.simulator.service.BulkRunner;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.nio.file.Files;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Serves bulk result files at the URL a BulkOperation shows (like a signed storage URL: it expires). */
@Path("/simulator/bulk")
public class BulkFileResource {
    private static final Pattern NAME = Pattern.compile("bulk-(\\d+)\\.jsonl");

    private final BulkRunner bulk;
    /** The clock the Expires of the URL was computed with (BulkRunner's). */
    private final Clock clock;

    public BulkFileResource(BulkRunner bulk, Clock clock) {
        this.bulk = bulk;
        this.clock = clock;
    }

    @GET
    @Path("{shop}/{name}")
    public Response download(@PathParam("shop") String shop, @PathParam("name") String name,
                             @QueryParam("Expires") Long expires) {
        Matcher m = NAME.matcher(name);
        if (!m.matches() || !shop.matches("[a-z0-9-]+")) {
            return Response.status(404).build();
        }
        if (expires == null || expires < clock.instant().getEpochSecond()) {
            return Response.status(400).entity("<?xml version='1.0' encoding='UTF-8'?><Error><Code>ExpiredToken</Code>"
                    + "<Message>The provided token has expired.</Message></Error>").type("application/xml").build();
        }
        java.nio.file.Path file = bulk.file(shop, Long.parseLong(m.group(1)));
        if (!Files.exists(file)) {
            return Response.status(404).build();
        }
        return Response.ok(file.toFile()).type("application/jsonl")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
