package com.multistore.elt.infra;

import com.multistore.elt.testing.KafkaBrokerResource;
import com.multistore.elt.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real broker, a fresh database and WireMock (EC2, SNS) for every test of this module (one application start
 * for all).
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(WireMockResource.class)
public final class InfraTestResources {
    private InfraTestResources() {
    }
}
