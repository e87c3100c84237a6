package com.multistore.elt.notifier;

import com.multistore.elt.testing.KafkaBrokerResource;
import com.multistore.elt.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real broker, a fresh database and WireMock (Azure AD, Power BI, SNS) for every test of this module (one
 * application start for all).
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(WireMockResource.class)
public final class NotifierTestResources {
    private NotifierTestResources() {
    }
}
