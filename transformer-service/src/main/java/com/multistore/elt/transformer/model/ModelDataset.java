package com.multistore.elt.transformer.model;

import java.util.List;

/**
 * A dataset's models: SQL files by layer under {@code sql/models/<dataset>/<layer>/}, each layer in its own schema, with
 * the layer's declared tests beside them ({@code tests.yml}). A table a test names without a schema is the layer's.
 */
public record ModelDataset(String name, List<Layer> layers) {

    /** The Shopify stores' dataset: the merged warehouse and the bakery and sales marts. */
    public static final ModelDataset SHOPIFY = new ModelDataset("shopify",
            List.of(new Layer("warehouse", "warehouse"), new Layer("marts", "mart")));

    /** Every dataset the transformer models. */
    public static List<ModelDataset> all() {
        return List.of(SHOPIFY);
    }

    /** A layer of models: its directory name and its schema. */
    public record Layer(String name, String schema) {
    }

    /** Where a layer's declared tests are. */
    public String testsFile(Layer layer) {
        return "sql/models/" + name + "/" + layer.name() + "/tests.yml";
    }
}
