package com.multistore.elt.transformer.service;

import java.util.List;

/**
 * A merge job of a run: one SQL file of the Shopify dataset's models, {@code sql/models/shopify/<layer>/}, run in this
 * (dependency) order.
 */
public record MergeJob(String name, String script) {

    public static final String DATA_QUALITY = "data_quality";
    public static final String RECONCILIATION = "reconciliation";
    public static final String BARRIER = "barrier";

    /**
     * The jobs in dependency order: the store's deletions first, dimensions, facts (a refund's details after its
     * refund and transactions), inventory, then the marts.
     */
    public static final List<MergeJob> ALL = List.of(
            of("warehouse", "00", "deletions"),
            of("warehouse", "01", "dim_customers"),
            of("warehouse", "02", "dim_products"),
            of("warehouse", "03", "dim_product_variants"),
            of("warehouse", "04", "fact_orders"),
            of("warehouse", "05", "fact_order_lines"),
            of("warehouse", "06", "order_metafields"),
            of("warehouse", "07", "fact_refunds"),
            of("warehouse", "08", "fact_order_transactions"),
            of("warehouse", "08", "fact_refund_lines"),
            of("warehouse", "09", "fact_current_inventory"),
            of("warehouse", "10", "inventory_snapshot"),
            of("marts", "11", "net_sales_daily"),
            of("marts", "12", "bake_schedule_week"),
            of("marts", "13", "future_orders"));

    private static MergeJob of(String layer, String order, String name) {
        return new MergeJob(name, "sql/models/shopify/" + layer + "/" + order + "_" + name + ".sql");
    }
}
