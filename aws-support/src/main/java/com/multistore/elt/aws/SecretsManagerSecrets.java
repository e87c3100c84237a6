package com.multistore.elt.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values kept in AWS Secrets Manager JSON secrets, referenced as {@code <secret-id>#<json-key>} (e.g.
 * {@code prod/shopify/db_creds#password}); a secret is read once and kept {@code ttl} (monotonic clock). Errors name
 * the secret and the key, never a value.
 */
public final class SecretsManagerSecrets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SecretsManagerSecrets(SecretsManagerClient client, Duration ttl) {
        this.client = client;
        this.ttl = ttl;
    }

    /** The text at {@code <secret-id>#<json-key>}. */
    public String value(String reference) {
        int hash = reference == null ? -1 : reference.lastIndexOf('#');
        if (hash <= 0 || hash == reference.length() - 1) {
            throw new SecretUnavailable("'" + reference + "' is not a secret reference <secret-id>#<json-key>");
        }
        String secretId = reference.substring(0, hash);
        String key = reference.substring(hash + 1);
        JsonNode value = secret(secretId).get(key);
        if (value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()) {
            throw new SecretUnavailable("secret " + secretId + " has no text under the key " + key, true);
        }
        return value.asText();
    }

    private JsonNode secret(String secretId) {
        Cached cached = cache.get(secretId);
        if (cached != null && System.nanoTime() - cached.readAt() < ttl.toNanos()) {
            return cached.value();
        }
        String text;
        try {
            text = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (RuntimeException e) {
            throw new SecretUnavailable("secret " + secretId + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), e);
        }
        JsonNode value;
        try {
            value = text == null ? null : JSON.readTree(text);
        } catch (Exception e) {
            value = null;
        }
        if (value == null || !value.isObject()) {
            throw new SecretUnavailable("secret " + secretId + " is not a JSON object (SecretString)");
        }
        cache.put(secretId, new Cached(value, System.nanoTime()));
        return value;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A secret that cannot be read, or lacks the key. */
    public static final class SecretUnavailable extends RuntimeException {
        private final boolean missingKey;

        public SecretUnavailable(String message) {
            this(message, false);
        }

        public SecretUnavailable(String message, boolean missingKey) {
            super(message);
            this.missingKey = missingKey;
        }

        public SecretUnavailable(String message, Throwable cause) {
            super(message, cause);
            this.missingKey = false;
        }

        /** The secret was read, but has no text under the key. */
        public boolean missingKey() {
            return missingKey;
        }
    }

    private record Cached(JsonNode value, long readAt) {
    }
}
