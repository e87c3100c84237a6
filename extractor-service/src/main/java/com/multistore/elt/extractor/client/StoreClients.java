package com.multistore.elt.extractor.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.extractor.config.ShopifyClientConfig;
import com.multistore.elt.service.store.StoresConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ShopifyGraphQl} per configured store (each has its own bucket), sharing one JDK HTTP client; and the
 * download of bulk result files (signed URLs: no token is sent there).
 */
@ApplicationScoped
public class StoreClients {

    @Inject
    StoresConfig stores;

    @Inject
    ShopifyClientConfig config;

    @Inject
    StoreTokens tokens;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper json;

    private final Map<String, ShopifyGraphQl> clients = new ConcurrentHashMap<>();
    private volatile HttpClient http;
    private volatile ShopifyMetrics metrics;

    public ShopifyGraphQl of(String store) {
        return clients.computeIfAbsent(store, code -> {
            return new ShopifyGraphQl(code, endpoint(code, stores.store(code)), () -> tokens.token(code), http(), config, metrics(), json);
        });
    }

    public ShopifyMetrics metrics() {
        if (metrics == null) {
            metrics = new ShopifyMetrics(registry);
        }
        return metrics;
    }

    /** Opens a bulk result file as a stream; retries connection failures and 5xx before the first byte. */
    public InputStream download(URI url) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            try {
                HttpResponse<InputStream> response = http().send(HttpRequest.newBuilder(url)
                        .timeout(config.requestTimeout()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 200) {
                    return new IdleTimeoutInputStream(response.body(), config.readTimeout(), "bulk result download");
                }
                response.body().close();
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    throw new IOException("bulk result download answered HTTP " + response.statusCode());
                }
                last = new IOException("bulk result download answered HTTP " + response.statusCode());
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("bulk result download answered HTTP 4")) {
                    throw e;
                }
                last = e;
            }
            Thread.sleep(Math.min(config.backoffMax().toMillis(), config.backoffInitial().toMillis() << Math.min(attempt, 10)));
        }
        throw last;
    }

    /** {@code <base>/admin/api/<version>/graphql.json}; the base is the configured URL or https://<shop domain>. */
    static URI endpoint(String code, StoresConfig.Store store) {
        String base = store.baseUrl().map(URI::toString)
                .or(() -> store.shopDomain().map(d -> "https://" + d))
                .orElseThrow(() -> new IllegalStateException("store " + code + " has neither base-url nor shop-domain"));
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/admin/api/" + store.apiVersion() + "/graphql.json");
    }

    private HttpClient http() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NORMAL).build();
                }
            }
        }
        return http;
    }
}
