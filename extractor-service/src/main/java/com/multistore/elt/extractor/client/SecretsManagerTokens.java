package com.multistore.elt.extractor.client;

import com.multistore.elt.aws.AwsClients;
import com.multistore.elt.aws.SecretsManagerSecrets;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Store tokens kept in an AWS Secrets Manager JSON secret ({@code <secret-id>#<json-key>}, e.g.
 * {@code prod/shopify/db_creds#retail_token}), read through aws-support (the pipeline's AWS settings,
 * {@code aws.secretsmanager.endpoint-override}); a secret is re-read after {@code pipeline.secrets.cache-ttl}, so a
 * rotated token is picked up without a restart.
 */
@ApplicationScoped
public class SecretsManagerTokens {

    private final Supplier<SecretsManagerClient> clients;
    private final Duration cacheTtl;
    private volatile SecretsManagerClient client;
    private volatile SecretsManagerSecrets secrets;

    @Inject
    public SecretsManagerTokens(AwsClients aws,
                                @ConfigProperty(name = "pipeline.secrets.cache-ttl", defaultValue = "PT10M") Duration cacheTtl) {
        this(() -> aws.client(SecretsManagerClient.builder(), "secretsmanager"), cacheTtl);
    }

    public SecretsManagerTokens(Supplier<SecretsManagerClient> clients, Duration cacheTtl) {
        this.clients = clients;
        this.cacheTtl = cacheTtl;
    }

    public String token(String store, String reference) {
        int hash = reference.lastIndexOf('#');
        if (hash <= 0 || hash == reference.length() - 1) {
            throw new IllegalStateException("store " + store + ": access-token-secret must be <secret-id>#<json-key>");
        }
        try {
            return secrets().value(reference);
        } catch (SecretsManagerSecrets.SecretUnavailable e) {
            throw new ShopifyApiException(e.missingKey() ? "NO_TOKEN" : "SECRET_UNAVAILABLE",
                    "store " + store + ": " + e.getMessage(), e);
        }
    }

    private SecretsManagerSecrets secrets() {
        if (secrets == null) {
            synchronized (this) {
                if (secrets == null) {
                    client = clients.get();
                    secrets = new SecretsManagerSecrets(client, cacheTtl);
                }
            }
        }
        return secrets;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
