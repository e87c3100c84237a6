package com.multistore.elt.events;

import java.util.List;

/** The one place that names the pipeline's Kafka topics (see ARCHITECTURE.md, "Topics and messages"). */
public final class Topics {

    public static final String ORDERS_RAW = "shopify.orders.raw";
    public static final String CUSTOMERS_RAW = "shopify.customers.raw";
    public static final String PRODUCTS_RAW = "shopify.products.raw";
    public static final String INVENTORY_RAW = "shopify.inventory.raw";
    public static final String DELETIONS_RAW = "shopify.deletions.raw";
    public static final String IDS_RAW = "shopify.ids.raw";
    public static final String REFUNDS_RAW = "shopify.refunds.raw";

    public static final String RUN_STARTED = "etl.run.started";
    public static final String EXTRACT_COMPLETED = "etl.extract.completed";
    public static final String LOAD_COMPLETED = "etl.load.completed";
    public static final String TRANSFORM_COMPLETED = "etl.transform.completed";
    public static final String DEAD_LETTERS = "etl.dlq";
    public static final String INSTANCE_EVENTS = "infra.instance.events";

    private Topics() {
    }

    /** Every topic of the pipeline: created up front (broker set-up, tests), never left to auto-creation. */
    public static List<String> all() {
        return List.of(ORDERS_RAW, CUSTOMERS_RAW, PRODUCTS_RAW, INVENTORY_RAW, DELETIONS_RAW, IDS_RAW, REFUNDS_RAW, RUN_STARTED,
                EXTRACT_COMPLETED, LOAD_COMPLETED, TRANSFORM_COMPLETED, DEAD_LETTERS, INSTANCE_EVENTS);
    }

    /** The raw topic an entity's records travel on. */
    public static String raw(Entity entity) {
        return entity.rawTopic();
    }
}
