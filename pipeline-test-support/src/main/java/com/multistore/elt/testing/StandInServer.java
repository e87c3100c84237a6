package com.multistore.elt.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * One WireMock server on a free port standing in for the HTTP services a module's tests cannot reach (AWS, Azure AD,
 * Power BI); a module subclasses it, naming the configuration keys that point at it, and declares the subclass as a
 * Quarkus test resource. Tests stub and verify through {@link #server()}.
 */
public abstract class StandInServer implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    /** The service's configuration that points at the stand-in, given its base URL. */
    protected abstract Map<String, String> endpoints(String baseUrl);

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return endpoints(server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
