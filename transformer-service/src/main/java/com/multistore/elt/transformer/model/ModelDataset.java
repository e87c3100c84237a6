package com.multistore.elt.transformer.model;

import java.util.List;

/**
 * A dataset's models: SQL files by layer under {@code sql/models/<dataset>/<layer>/}, each layer in its own schema, with
 * the layer's declared tests beside them ({@code tests.yml}). A table a test names without a schema is the layer's.
 */
public record ModelDataset(String name, List<Layer> layers, List<String> models) {

    /**
     * The Shopify stores' dataset: the merged warehouse and the bakery and sales marts (its merge jobs are
     * {@code MergeJob.ALL}).
     */
    public static final ModelDataset SHOPIFY = new ModelDataset("shopify",
            List.of(new Layer("warehouse", "warehouse"), new Layer("marts", "mart")), List.of());

    /**
     * The Olist operational database's dataset: staging per table (olist_staging), enriched items and payments per
     * order (olist_intermediate), the marts (olist); its model files in the order they run.
     */
    public static final ModelDataset OLIST = new ModelDataset("olist",
            List.of(new Layer("staging", "olist_staging"), new Layer("intermediate", "olist_intermediate"),
                    new Layer("marts", "olist")),
            List.of("staging/01_orders", "staging/02_order_items", "staging/03_order_payments",
                    "staging/04_order_reviews", "staging/05_customers", "staging/06_products", "staging/07_sellers",
                    "staging/08_geolocation", "staging/09_product_category_name_translation",
                    "staging/10_leads_qualified", "staging/11_leads_closed",
                    "intermediate/12_order_items_enriched", "intermediate/13_order_payments_summary",
                    "marts/14_fct_orders", "marts/15_fct_order_items", "marts/16_fct_reviews",
                    "marts/17_dim_customers", "marts/18_dim_products", "marts/19_dim_sellers",
                    "marts/20_daily_sales", "marts/21_delivery_performance_by_state", "marts/22_seller_funnel"));

    /** Every dataset the transformer knows (its declared tests are read and checked at start-up). */
    public static List<ModelDataset> all() {
        return List.of(SHOPIFY, OLIST);
    }

    /** The classpath path of one of its model files ({@code staging/01_orders}). */
    public String modelFile(String model) {
        return "sql/models/" + name + "/" + model + ".sql";
    }

    /** A layer of models: its directory name and its schema. */
    public record Layer(String name, String schema) {
    }

    /** Where a layer's declared tests are. */
    public String testsFile(Layer layer) {
        return "sql/models/" + name + "/" + layer.name() + "/tests.yml";
    }
}
