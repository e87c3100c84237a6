package com.multistore.elt.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/**
 * The Shopify entities the pipeline extracts; written in JSON as the lower-case name ("orders"). {@code DELETIONS}
 * are the store's destroy events of products, variants, orders and customers (keyed by the deleted subject's GID);
 * {@code IDS} is the periodic id sweep: the GID of every order, customer and product (with its variants' GIDs) the
 * store still has, which finds the deletions whose events Shopify no longer keeps. {@code REFUNDS} are the details of
 * the refunds on the run's orders (refunded lines, shipping lines, order adjustments, refund transactions), asked by
 * refund GID after the orders: connections under the order's refunds list, which one bulk query cannot nest.
 */
public enum Entity {
    ORDERS("shopify.orders.raw"),
    CUSTOMERS("shopify.customers.raw"),
    PRODUCTS("shopify.products.raw"),
    INVENTORY("shopify.inventory.raw"),
    DELETIONS("shopify.deletions.raw"),
    IDS("shopify.ids.raw"),
    REFUNDS("shopify.refunds.raw");

    private final String rawTopic;

    Entity(String rawTopic) {
        this.rawTopic = rawTopic;
    }

    public String rawTopic() {
        return rawTopic;
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Entity fromCode(String code) {
        if (code == null) {
            throw new IllegalArgumentException("entity is missing");
        }
        return Arrays.stream(values())
                .filter(e -> e.code().equalsIgnoreCase(code.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown entity '" + code + "'"));
    }

    public static Entity fromRawTopic(String topic) {
        return Arrays.stream(values())
                .filter(e -> e.rawTopic.equals(topic))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a raw topic: '" + topic + "'"));
    }
}
