package com.multistore.elt.extractor.service;

/**
 * Shopify's single-query cost cap leaves too few nodes per page for this selection (nested connections such as an
 * order's 250 line items are priced by their requested size): the window is extracted by a bulk query instead.
 */
public class PagingTooExpensiveException extends RuntimeException {

    private final long nodesAlreadySent;

    public PagingTooExpensiveException(String message, long nodesAlreadySent, Throwable cause) {
        super(message, cause);
        this.nodesAlreadySent = nodesAlreadySent;
    }

    /** Nodes handed to the sink before paging gave up (normally 0: the first page already costs too much). */
    public long nodesAlreadySent() {
        return nodesAlreadySent;
    }
}
