package com.multistore.elt.transformer.service;

import java.util.List;

/** A merge job of a run: one SQL file under {@code sql/merge/}, run in this (dependency) order. */
public record MergeJob(String name, String script) {

    public static final String DATA_QUALITY = "data_quality";
    public static final String RECONCILIATION = "reconciliation";
    public static final String BARRIER = "barrier";

    /**
     * The jobs in dependency order: the store's deletions first, dimensions, facts (a refund's details after its
     * refund and transactions), inventory, then the marts.
     */
    public static final List<MergeJob> ALL = List.of(
            of("00", "deletions"),
            of("01", "dim_customers"),
            of("02", "dim_products"),
            of("03", "dim_product_variants"),
            of("04", "fact_orders"),
            of("05", "fact_order_lines"),
            of("06", "order_metafields"),
            of("07", "fact_refunds"),
            of("08", "fact_order_transactions"),
            of("08", "fact_refund_lines"),
            of("09", "fact_current_inventory"),
            of("10", "inventory_snapshot"),
            of("11", "net_sales_daily"),
            of("12", "bake_schedule_week"),
            of("13", "future_orders"));

    private static MergeJob of(String order, String name) {
        return new MergeJob(name, "sql/merge/" + order + "_" + name + ".sql");
    }
}
