package com.multistore.elt.infra;

import com.multistore.elt.testing.KafkaBrokerResource;

import io.quarkus.test.common.QuarkusTestResource;

/** The real test resources for every test of this module (one application start for all). */
@QuarkusTestResource(KafkaBrokerResource.class)

public final class InfraTestResources {
    private InfraTestResources() {
    }
}
