package com.multistore.elt.simulator.rest;

import com.multistore.elt.simulator.config.ShopOverride;
import com.multistore.elt.simulator.config.SimulatorConfig;
import com.multistore.elt.simulator.config.SimulatorConfig.ShopConfig;
import com.multistore.elt.simulator.graphql.Values;
import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.service.Bucket;
import com.multistore.elt.simulator.service.QueryCost;
import com.multistore.elt.simulator.service.ShopAdmin;
import com.multistore.elt.simulator.service.ShopRegistry;
import com.multistore.elt.simulator.service.ShopRuntime;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own admin API (not Shopify's): reset a shop, touch/create orders, edit customers, move stock,
 * delete a product, set the bucket and cost model, inject faults, read the ground truth and the cost spent. Needs {@code Authorization: Bearer <token>} when
 * {@code simulator.admin-token} is set.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final ShopRegistry shops;
    private final ShopAdmin admin;
    private final SimulatorConfig config;

    public AdminResource(ShopRegistry shops, ShopAdmin admin, SimulatorConfig config) {
        this.shops = shops;
        this.admin = admin;
        this.config = config;
    }

    /** Bucket and cost-model settings; absent fields stay as they are. */
    public record BucketSettings(Double maximumAvailable, Double restoreRate, Double currentlyAvailable, String costModel) {
    }

    /** Faults for the next calls of a shop; absent fields stay as they are. */
    public record FaultSettings(Integer http500, Integer http503, Integer http429, Integer retryAfterSeconds,
                                Integer throttled, Integer internalErrors, Integer bulkFailures, Long bulkFailAfterObjects,
                                Long searchLagSeconds, Long bulkPauseMillis) {
    }

    @GET
    @Path("shops")
    public List<Map<String, Object>> list(@HeaderParam("Authorization") String auth) {
        check(auth);
        List<Map<String, Object>> out = new ArrayList<>();
        for (ShopRuntime s : shops.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shop", s.code);
            m.put("ready", s.ready());
            m.put("kind", s.config().kind().name());
            m.put("currency", s.config().currency());
            m.put("timeZone", s.config().timeZone());
            m.put("costModel", s.costModel());
            out.add(m);
        }
        return out;
    }

    @POST
    @Path("shops/{shop}/reset")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> reset(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                     @QueryParam("seed") Long seed, @QueryParam("orders") Integer orders,
                                     @QueryParam("customers") Integer customers, @QueryParam("products") Integer products) {
        ShopRuntime shop = shop(auth, code);
        for (Integer n : new Integer[]{orders, customers, products}) {
            if (n != null && (n < 1 || n > 1_000_000)) {
                throw new WebApplicationException(Response.status(400).entity(Map.of("error", "sizes must be 1..1000000")).build());
            }
        }
        if (seed != null || orders != null || customers != null || products != null) {
            ShopConfig base = shop.config() instanceof ShopOverride o ? o.base() : shop.config();
            shop.config(new ShopOverride(base, seed, orders, customers, products));
        }
        shops.regenerate(code, true);
        shop.faults.clear();
        shop.bucket.configure(null, null, Double.MAX_VALUE);
        return admin.truth(shop);
    }

    /** Shopify's event retention passing: the destroy events so far are no longer served (the deletions stay). */
    @POST
    @Path("shops/{shop}/events/expire")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> expireEvents(@HeaderParam("Authorization") String auth, @PathParam("shop") String code) {
        return Map.of("expired", admin.expireDeletionEvents(shop(auth, code)));
    }

    @POST
    @Path("shops/{shop}/orders/touch")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> touch(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                     @QueryParam("count") @DefaultValue("1") int count, @QueryParam("id") List<Long> ids,
                                     @QueryParam("refund") @DefaultValue("false") boolean refund) {
        // refund=true: the orders' first line is returned (refunded) as they are touched
        return Map.of("touched", refund ? admin.refundFirstLines(shop(auth, code), count, ids)
                : admin.touch(shop(auth, code), count, ids));
    }

    /** Orders refunded now: {@code whole=true} every line, tax and shipping; otherwise their first line (returned). */
    @POST
    @Path("shops/{shop}/orders/refund")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> refund(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                      @QueryParam("count") @DefaultValue("1") int count, @QueryParam("id") List<Long> ids,
                                      @QueryParam("whole") @DefaultValue("false") boolean whole) {
        checkCount(count);
        ShopRuntime shop = shop(auth, code);
        return Map.of("refunded", whole ? admin.refundWholly(shop, count, ids) : admin.refundFirstLines(shop, count, ids));
    }

    @POST
    @Path("shops/{shop}/customers/touch")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> touchCustomers(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                              @QueryParam("count") @DefaultValue("1") int count,
                                              @QueryParam("id") List<Long> ids,
                                              @QueryParam("email") @DefaultValue("false") boolean changeEmail) {
        checkCount(count);
        return Map.of("touched", admin.touchCustomers(shop(auth, code), count, ids, changeEmail));
    }

    @POST
    @Path("shops/{shop}/inventory/adjust")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> adjustStock(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                           @QueryParam("count") @DefaultValue("1") int count,
                                           @QueryParam("delta") @DefaultValue("-1") int delta) {
        checkCount(count);
        if (delta == 0 || Math.abs(delta) > 100_000) {
            throw new WebApplicationException(Response.status(400).entity(Map.of("error", "delta must be ±1..100000")).build());
        }
        return Map.of("adjusted", admin.adjustStock(shop(auth, code), count, delta));
    }

    @POST
    @Path("shops/{shop}/orders")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> create(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                      @QueryParam("count") @DefaultValue("1") int count,
                                      @QueryParam("lines") @DefaultValue("0") int lines,
                                      @QueryParam("notes") @DefaultValue("0") int notes) {
        checkCount(count);
        ShopRuntime shop = shop(auth, code);
        if (lines < 0 || lines > 1000 || notes < 0 || notes > OrderRecord.MAX_NOTES) {
            throw new WebApplicationException(Response.status(400).entity(Map.of("error",
                    "lines must be 0..1000 and notes 0.." + OrderRecord.MAX_NOTES)).build());
        }
        if (lines > 0 && shop.data().bakery) {
            throw new WebApplicationException(Response.status(400).entity(Map.of("error",
                    "the bakery's cake orders have one line each; lines is for the other shops")).build());
        }
        return Map.of("created", admin.create(shop, count, lines, notes));
    }

    @DELETE
    @Path("shops/{shop}/products/{id}")
    public Response deleteProduct(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                  @PathParam("id") String id) {
        return deletion(id, "Product", numeric -> admin.deleteProduct(shop(auth, code), numeric));
    }

    @DELETE
    @Path("shops/{shop}/variants/{id}")
    public Response deleteVariant(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                  @PathParam("id") String id) {
        return deletion(id, "ProductVariant", numeric -> admin.deleteVariant(shop(auth, code), numeric));
    }

    @DELETE
    @Path("shops/{shop}/orders/{id}")
    public Response deleteOrder(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                @PathParam("id") String id) {
        return deletion(id, "Order", numeric -> admin.deleteOrder(shop(auth, code), numeric));
    }

    @DELETE
    @Path("shops/{shop}/customers/{id}")
    public Response deleteCustomer(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                   @PathParam("id") String id) {
        return deletion(id, "Customer", numeric -> admin.deleteCustomer(shop(auth, code), numeric));
    }

    @GET
    @Path("shops/{shop}/customers/without-orders")
    public Map<String, Object> customersWithoutOrders(@HeaderParam("Authorization") String auth,
                                                      @PathParam("shop") String code,
                                                      @QueryParam("count") @DefaultValue("1") int count) {
        checkCount(count);
        return Map.of("customers", admin.customersWithoutOrders(shop(auth, code), count));
    }

    /** 200 {deleted: gid}, 404 when there is no such object, 409 when Shopify would refuse the deletion. */
    private static Response deletion(String id, String type, java.util.function.LongPredicate delete) {
        long numeric = id.startsWith("gid://") ? Values.idOf(id, type) : parse(id);
        try {
            return delete.test(numeric) ? Response.ok(Map.of("deleted", Values.gid(type, numeric))).build()
                    : Response.status(404).entity(Map.of("error", "no " + type + " " + id)).build();
        } catch (IllegalStateException refused) {
            return Response.status(409).entity(Map.of("error", refused.getMessage())).build();
        }
    }

    @PUT
    @Path("shops/{shop}/bucket")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> bucket(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                      BucketSettings settings) {
        ShopRuntime shop = shop(auth, code);
        if (settings.costModel() != null) {
            try {
                QueryCost.byName(settings.costModel(), 1);
            } catch (IllegalArgumentException e) {
                throw new WebApplicationException(Response.status(400).entity(Map.of("error", e.getMessage())).build());
            }
            shop.costModel(settings.costModel());
        }
        shop.bucket.configure(settings.maximumAvailable(), settings.restoreRate(), settings.currentlyAvailable());
        Bucket.Status s = shop.bucket.status();
        return Map.of("maximumAvailable", s.maximumAvailable(), "currentlyAvailable", s.currentlyAvailable(),
                "restoreRate", s.restoreRate(), "costModel", shop.costModel());
    }

    @POST
    @Path("shops/{shop}/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> faults(@HeaderParam("Authorization") String auth, @PathParam("shop") String code,
                                      FaultSettings f) {
        ShopRuntime shop = shop(auth, code);
        var faults = shop.faults;
        if (f.http500() != null) {
            faults.http500.set(f.http500());
        }
        if (f.http503() != null) {
            faults.http503.set(f.http503());
        }
        if (f.http429() != null) {
            faults.http429.set(f.http429());
        }
        if (f.retryAfterSeconds() != null) {
            faults.retryAfterSeconds = f.retryAfterSeconds();
        }
        if (f.throttled() != null) {
            faults.throttled.set(f.throttled());
        }
        if (f.internalErrors() != null) {
            faults.internalErrors.set(f.internalErrors());
        }
        if (f.bulkFailures() != null) {
            faults.bulkFailures.set(f.bulkFailures());
        }
        if (f.bulkFailAfterObjects() != null) {
            faults.bulkFailAfterObjects = f.bulkFailAfterObjects();
        }
        if (f.searchLagSeconds() != null) {
            faults.searchLagSeconds = f.searchLagSeconds();
        }
        if (f.bulkPauseMillis() != null) {
            faults.bulkPauseMillis = f.bulkPauseMillis();
        }
        return Map.of("shop", code, "applied", true);
    }

    @DELETE
    @Path("shops/{shop}/faults")
    public Map<String, Object> clearFaults(@HeaderParam("Authorization") String auth, @PathParam("shop") String code) {
        shop(auth, code).faults.clear();
        return Map.of("shop", code, "cleared", true);
    }

    @GET
    @Path("shops/{shop}/truth")
    public Map<String, Object> truth(@HeaderParam("Authorization") String auth, @PathParam("shop") String code) {
        return admin.truth(shop(auth, code));
    }

    /**
     * Per shop, the query cost spent since start-up (requested by the admitted requests, actually charged after
     * refunds), THROTTLED answers, and the bucket's size and restore rate. The benchmark's extraction floor is
     * requested / restoreRate.
     */
    @GET
    @Path("cost")
    public Map<String, Bucket.Totals> cost(@HeaderParam("Authorization") String auth) {
        check(auth);
        Map<String, Bucket.Totals> out = new LinkedHashMap<>();
        for (ShopRuntime shop : shops.all()) {
            out.put(shop.code, shop.bucket.totals());
        }
        return out;
    }

    @GET
    @Path("truth")
    public List<Map<String, Object>> truthAll(@HeaderParam("Authorization") String auth) {
        check(auth);
        return shops.all().stream().map(admin::truth).toList();
    }

    private ShopRuntime shop(String auth, String code) {
        check(auth);
        ShopRuntime shop = shops.find(code);
        if (shop == null) {
            throw new WebApplicationException(Response.status(404).entity(Map.of("error", "no shop " + code)).build());
        }
        return shop;
    }

    private void check(String auth) {
        if (config.adminToken().isPresent() && !("Bearer " + config.adminToken().get()).equals(auth)) {
            throw new WebApplicationException(Response.status(401).entity(Map.of("error", "admin token required")).build());
        }
    }

    private static void checkCount(int count) {
        if (count < 1 || count > 100_000) {
            throw new WebApplicationException(Response.status(400).entity(Map.of("error", "count must be 1..100000")).build());
        }
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new WebApplicationException(Response.status(400).entity(Map.of("error", "bad id " + id)).build());
        }
    }
}
