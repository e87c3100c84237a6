package com.multistore.elt.extractor.client;

/** MAX_COST_EXCEEDED: the query's requested cost is over Shopify's single-query cap; a pager can shrink its page. */
public class QueryCostExceededException extends ShopifyApiException {

    private final double cost;
    private final double maxCost;

    public QueryCostExceededException(String message, double cost, double maxCost) {
        super("MAX_COST_EXCEEDED", message);
        this.cost = cost;
        this.maxCost = maxCost;
    }

    public double cost() {
        return cost;
    }

    public double maxCost() {
        return maxCost;
    }
}
