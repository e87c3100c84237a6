package com.multistore.elt.notifier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * One WireMock server on a free port standing in for Azure AD, Power BI and SNS; every base URL of the service points
 * at it. Tests stub and verify through {@link #server()}.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        String base = server.baseUrl();
        return Map.of(
                "notifier.azure-ad.authority", base,
                "notifier.powerbi.base-url", base,
                "aws.sns.endpoint-override", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
