package com.multistore.elt.notifier.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.notifier.config.NotifierConfig;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Azure AD client-credentials grant: {@code POST {authority}/{tenant}/oauth2/v2.0/token}. */
@ApplicationScoped
public class AzureAdTokenClient {

    /** An access token and when it expires. {@link #toString()} never shows the token. */
    public record AccessToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "AccessToken[expiresAt=" + expiresAt + "]";
        }
    }

    @Inject
    HttpCalls http;

    @Inject
    NotifierConfig config;

    @Inject
    ObjectMapper mapper;

    @Retry(maxRetries = 3, delay = 500, jitter = 200, retryOn = TransientHttpFailure.class)
    @ExponentialBackoff(maxDelay = 10_000)
    @Timeout(value = 60_000)
    public AccessToken fetch() {
        NotifierConfig.AzureAd ad = config.azureAd();
        String tenant = required(ad.tenantId().orElse(null), "notifier.azure-ad.tenant-id");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", required(ad.clientId().orElse(null), "notifier.azure-ad.client-id"));
        form.put("client_secret", required(ad.clientSecret().orElse(null), "notifier.azure-ad.client-secret"));
        form.put("scope", ad.scope());
        URI uri = URI.create(ad.authority().toString().replaceAll("/+$", "") + "/" + tenant + "/oauth2/v2.0/token");
        HttpRequest request = http.request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        String body = http.send(request, "Azure AD token request").body();
        try {
            JsonNode json = mapper.readTree(body);
            String token = json.path("access_token").asText(null);
            if (token == null || token.isBlank()) {
                throw new PermanentHttpFailure(200, "Azure AD token response has no access_token");
            }
            return new AccessToken(token, Instant.now().plus(Duration.ofSeconds(json.path("expires_in").asLong(0))));
        } catch (IOException e) {
            throw new PermanentHttpFailure(200, "Azure AD token response is not JSON: " + e.getMessage());
        }
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new PermanentHttpFailure(0, key + " is not configured");
        }
        return value;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
