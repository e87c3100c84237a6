package com.multistore.elt.simulator.rest;

import com.multistore.elt.simulator.config.SimulatorConfig;
import com.multistore.elt.simulator.service.Bucket;
import com.multistore.elt.simulator.service.ShopRegistry;
import com.multistore.elt.simulator.service.ShopRuntime;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /simulator/cost}: per shop, the query cost spent since start-up (requested by the admitted requests,
 * actually charged after refunds), THROTTLED answers, and the bucket's size and restore rate. The benchmark's
 * extraction floor is requested / restoreRate.
 */
@Path("/simulator/cost")
@Produces(MediaType.APPLICATION_JSON)
public class CostResource {
    private final ShopRegistry shops;
    private final SimulatorConfig config;

    public CostResource(ShopRegistry shops, SimulatorConfig config) {
        this.shops = shops;
        this.config = config;
    }

    @GET
    public Map<String, Bucket.Totals> totals(@HeaderParam("Authorization") String auth) {
        if (config.adminToken().isPresent() && !("Bearer " + config.adminToken().get()).equals(auth)) {
            throw new WebApplicationException(Response.status(401).entity(Map.of("error", "admin token required")).build());
        }
        Map<String, Bucket.Totals> out = new LinkedHashMap<>();
        for (ShopRuntime shop : shops.all()) {
            out.put(shop.code, shop.bucket.totals());
        }
        return out;
    }
}
