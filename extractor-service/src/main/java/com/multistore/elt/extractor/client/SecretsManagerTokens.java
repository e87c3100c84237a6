package com.multistore.elt.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Store tokens kept in an AWS Secrets Manager JSON secret ({@code <secret-id>#<json-key>}, e.g.
 * {@code prod/shopify/db_creds#retail_token}). The plain AWS SDK v2 client on the URL-connection HTTP client
 * (QUARKUS-NOTES §1.3); a secret is re-read after {@code pipeline.secrets.cache-ttl}.
 */
@ApplicationScoped
public class SecretsManagerTokens {

    @ConfigProperty(name = "aws.region", defaultValue = "eu-west-1")
    String region;

    @ConfigProperty(name = "aws.secretsmanager.endpoint-override")
    Optional<URI> endpoint;

    @ConfigProperty(name = "pipeline.secrets.cache-ttl", defaultValue = "PT10M")
    Duration cacheTtl;

    @Inject
    ObjectMapper json;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile SecretsManagerClient client;

    public String token(String store, String reference) {
        int hash = reference.lastIndexOf('#');
        if (hash <= 0 || hash == reference.length() - 1) {
            throw new IllegalStateException("store " + store + ": access-token-secret must be <secret-id>#<json-key>");
        }
        String secretId = reference.substring(0, hash);
        String key = reference.substring(hash + 1);
        JsonNode secret = secret(secretId);
        JsonNode value = secret.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ShopifyApiException("NO_TOKEN", "store " + store + ": secret " + secretId + " has no key " + key);
        }
        return value.asText();
    }

    private JsonNode secret(String secretId) {
        Cached cached = cache.get(secretId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.value();
        }
        String text;
        try {
            text = client().getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (RuntimeException e) {
            throw new ShopifyApiException("SECRET_UNAVAILABLE", "secret " + secretId + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
        try {
            JsonNode value = json.readTree(text);
            cache.put(secretId, new Cached(value, Instant.now().plus(cacheTtl)));
            return value;
        } catch (IOException | RuntimeException e) {
            throw new ShopifyApiException("SECRET_UNAVAILABLE", "secret " + secretId + " is not a JSON object");
        }
    }

    private SecretsManagerClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                            .httpClient(UrlConnectionHttpClient.builder().build())
                            .region(Region.of(region));
                    endpoint.ifPresent(builder::endpointOverride);
                    client = builder.build();
                }
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private record Cached(JsonNode value, Instant until) {
    }
}
