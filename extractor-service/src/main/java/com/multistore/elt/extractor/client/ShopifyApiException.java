package com.multistore.elt.extractor.client;

/**
 * Shopify refused a call for good (HTTP 4xx, a GraphQL error that is not retryable, or retries exhausted). The
 * message names the store, the operation and Shopify's code, never the token.
 */
public class ShopifyApiException extends RuntimeException {

    private final String code;

    public ShopifyApiException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ShopifyApiException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Shopify's error code (THROTTLED, MAX_COST_EXCEEDED, ACCESS_DENIED, HTTP_401, ...). */
    public String code() {
        return code;
    }
}
