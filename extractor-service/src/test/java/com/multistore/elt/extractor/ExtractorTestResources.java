package com.multistore.elt.extractor;

import com.multistore.elt.testing.KafkaBrokerResource;
import com.multistore.elt.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The real broker and a fresh database for every test of this module (one application start for all). */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
public final class ExtractorTestResources {
    private ExtractorTestResources() {
    }
}
