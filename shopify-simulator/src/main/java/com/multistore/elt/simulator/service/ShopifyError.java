package com.multistore.elt.simulator.service;

import java.util.Map;

/** An error that becomes one entry of the GraphQL {@code errors} array, with Shopify's message and code. */
public class ShopifyError extends RuntimeException {
    private final Map<String, Object> extensions;

    public ShopifyError(String message, Map<String, Object> extensions) {
        super(message, null, false, false);
        this.extensions = extensions;
    }

    public ShopifyError(String message) {
        this(message, Map.of());
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** What Shopify answers in place of most 500s; also its answer to an empty search value. */
    public static ShopifyError internal(String requestId) {
        return new ShopifyError("Internal error. Looks like something went wrong on our end.\nRequest ID: " + requestId
                + " (include this in support requests).", Map.of("code", "INTERNAL_SERVER_ERROR", "requestId", requestId));
    }
}
