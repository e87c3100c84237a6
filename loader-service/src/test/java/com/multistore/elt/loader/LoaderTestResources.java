package com.multistore.elt.loader;

import com.multistore.elt.testing.KafkaBrokerResource;
import com.multistore.elt.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The real test resources for every test of this module (one application start for all). */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(ArchiveDirectoryResource.class)
public final class LoaderTestResources {
    private LoaderTestResources() {
    }
}
