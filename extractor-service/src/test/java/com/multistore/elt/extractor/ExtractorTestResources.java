package com.multistore.elt.extractor;

import com.multistore.elt.testing.KafkaBrokerResource;
import com.multistore.elt.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The real broker, a fresh database and the Shopify simulator (a child process) for every test of this module (one application start for all). */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ShopifySimulatorResource.class)
public final class ExtractorTestResources {
    private ExtractorTestResources() {
    }
}
