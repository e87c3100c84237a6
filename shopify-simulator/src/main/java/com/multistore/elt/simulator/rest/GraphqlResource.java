package com.multistore.elt.simulator.rest;

import com.multistore.elt.simulator.service.GraphqlGateway;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Locale;

/**
 * Shopify's Admin GraphQL endpoint, twice: {@code POST /admin/api/{version}/graphql.json} picks the shop from the
 * Host header ({@code <shop>.myshopify.com}); {@code POST /shops/{shop}/admin/api/{version}/graphql.json} names it in
 * the path (for local base URLs such as {@code http://127.0.0.1:8090/shops/retail}).
 */
@Path("/")
public class GraphqlResource {
    private static final String SUFFIX = ".myshopify.com";

    private final GraphqlGateway gateway;

    public GraphqlResource(GraphqlGateway gateway) {
        this.gateway = gateway;
    }

    @POST
    @Path("admin/api/{version}/graphql.json")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response byHost(@PathParam("version") String version, @HeaderParam("Host") String host,
                           @HeaderParam("X-Shopify-Access-Token") String token,
                           @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("X-GraphQL-Cost-Include-Fields") String costFields, String body, @Context UriInfo uri) {
        return answer(gateway.handle(shopOfHost(host), token, version, base(uri), contentType, body,
                "true".equalsIgnoreCase(costFields)));
    }

    @POST
    @Path("shops/{shop}/admin/api/{version}/graphql.json")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response byPath(@PathParam("shop") String shop, @PathParam("version") String version,
                           @HeaderParam("X-Shopify-Access-Token") String token,
                           @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("X-GraphQL-Cost-Include-Fields") String costFields, String body, @Context UriInfo uri) {
        return answer(gateway.handle(shop, token, version, base(uri), contentType, body,
                "true".equalsIgnoreCase(costFields)));
    }

    static String shopOfHost(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(SUFFIX) ? h.substring(0, h.length() - SUFFIX.length()) : null;
    }

    static String base(UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private static Response answer(GraphqlGateway.Answer a) {
        Response.ResponseBuilder r = Response.status(a.status()).entity(a.body()).type(MediaType.APPLICATION_JSON);
        a.headers().forEach(r::header);
        return r.build();
    }
}
