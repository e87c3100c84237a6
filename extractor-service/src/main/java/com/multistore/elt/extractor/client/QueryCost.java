package com.multistore.elt.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code extensions.cost} of one answer; {@code actualQueryCost} is null (-1 here) on a THROTTLED answer. */
public record QueryCost(double requested, double actual, double maximumAvailable, double currentlyAvailable,
                        double restoreRate) {

    public static QueryCost from(JsonNode extensions) {
        JsonNode cost = extensions == null ? null : extensions.get("cost");
        if (cost == null || !cost.isObject()) {
            return null;
        }
        JsonNode status = cost.path("throttleStatus");
        return new QueryCost(
                number(cost.get("requestedQueryCost")),
                number(cost.get("actualQueryCost")),
                number(status.get("maximumAvailable")),
                number(status.get("currentlyAvailable")),
                number(status.get("restoreRate")));
    }

    public boolean hasThrottleStatus() {
        return maximumAvailable >= 0 && currentlyAvailable >= 0 && restoreRate >= 0;
    }

    /** Bucket values come as floats (1000.0) or integers (2000); null means unknown (-1). */
    private static double number(JsonNode node) {
        return node == null || node.isNull() || !node.isNumber() && !node.isTextual() ? -1
                : node.isNumber() ? node.asDouble() : parse(node.asText());
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
