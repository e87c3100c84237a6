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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Power BI REST calls: ask for a dataset refresh, and read the dataset's refresh history. Reading the history is
 * retried on 429, 5xx and I/O errors with exponential backoff; asking for a refresh is not (a request that timed out
 * may have been accepted, and each refresh counts against the dataset's daily cap): the caller checks the history
 * first ({@code DatasetRefresh}). 401/403 and other 4xx are never retried.
 */
@ApplicationScoped
public class PowerBiClient {

    /**
     * A refresh as Power BI reports it: {@code status} is Unknown (still running), Completed, Failed, Cancelled or
     * Disabled (enhanced refreshes also report NotStarted / InProgress while running).
     */
    public record Refresh(String requestId, String status, String serviceException, Instant startTime) {
        private static final Set<String> RUNNING = Set.of("unknown", "notstarted", "inprogress");

        public boolean finished() {
            return !RUNNING.contains(status.toLowerCase(Locale.ROOT));
        }

        public boolean completed() {
            return "Completed".equalsIgnoreCase(status);
        }
    }

    @Inject
    HttpCalls http;

    @Inject
    NotifierConfig config;

    @Inject
    ObjectMapper mapper;

    /**
     * Asks for a refresh, once; returns Power BI's request id when it sends one (header {@code RequestId}). A
     * {@link TransientHttpFailure} means "perhaps accepted": look at the history before asking again.
     */
    @Timeout(value = 60_000)
    public Optional<String> requestRefresh(NotifierConfig.Dataset dataset, String accessToken) {
        String body;
        try {
            body = mapper.writeValueAsString(Map.of("notifyOption", config.powerbi().notifyOption()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = http.request(refreshes(dataset, ""))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, "Power BI refresh request");
        return response.headers().firstValue("RequestId").or(() -> response.headers().firstValue("x-ms-request-id"));
    }

    /** The dataset's most recent refresh, if it has any. */
    public Optional<Refresh> latestRefresh(NotifierConfig.Dataset dataset, String accessToken) {
        return recentRefreshes(dataset, accessToken, 1).stream().findFirst();
    }

    /** The dataset's latest refreshes, newest first (Power BI's refresh history, {@code $top}). */
    @Retry(maxRetries = 3, delay = 1000, jitter = 200, retryOn = TransientHttpFailure.class)
    @ExponentialBackoff(maxDelay = 30_000)
    @Timeout(value = 60_000)
    public List<Refresh> recentRefreshes(NotifierConfig.Dataset dataset, String accessToken, int top) {
        HttpRequest request = http.request(refreshes(dataset, "?$top=" + top))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET()
                .build();
        String body = http.send(request, "Power BI refresh history").body();
        try {
            List<Refresh> refreshes = new ArrayList<>();
            for (JsonNode refresh : mapper.readTree(body).path("value")) {
                JsonNode exception = refresh.path("serviceExceptionJson");
                String started = refresh.path("startTime").asText(null);
                refreshes.add(new Refresh(refresh.path("requestId").asText(null),
                        refresh.path("status").asText("Unknown"),
                        exception.isMissingNode() || exception.isNull() ? null : exception.asText(),
                        started == null || started.isBlank() ? null : parseInstant(started)));
            }
            return refreshes;
        } catch (IOException e) {
            throw new PermanentHttpFailure(200, "Power BI refresh history is not JSON: " + e.getMessage());
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new PermanentHttpFailure(200, "Power BI refresh history: startTime '" + text + "' is not ISO-8601");
            }
        }
    }

    private URI refreshes(NotifierConfig.Dataset dataset, String query) {
        return URI.create(config.powerbi().baseUrl().toString().replaceAll("/+$", "") + "/v1.0/myorg/groups/"
                + dataset.groupId() + "/datasets/" + dataset.datasetId() + "/refreshes" + query);
    }
}
