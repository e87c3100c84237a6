package com.multistore.elt.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.extractor.config.ShopifyClientConfig;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The Admin GraphQL endpoint of one store. Every answer's {@code extensions.cost.throttleStatus} feeds the store's
 * {@link ThrottleBucket}; before a call, pacing waits until the bucket holds the cost this document requested last
 * time. THROTTLED, 429, 5xx, INTERNAL_SERVER_ERROR and I/O errors are retried with exponential backoff and full
 * jitter, honouring Retry-After, at most {@code maxRetries} times (THROTTLED: {@code maxThrottledRetries}, since
 * waiting for the bucket is expected); anything else fails at once. The token goes
 * only into the {@code X-Shopify-Access-Token} header, never into a message.
 */
public class ShopifyGraphQl {

    private static final Logger LOG = Logger.getLogger(ShopifyGraphQl.class);

    private final String store;
    private final URI endpoint;
    private final Supplier<String> token;
    private final HttpClient http;
    private final ShopifyClientConfig config;
    private final ShopifyMetrics metrics;
    private final ObjectMapper json;
    private final ThrottleBucket bucket = new ThrottleBucket();
    private final Map<String, Double> lastRequestedCost = new ConcurrentHashMap<>();

    public ShopifyGraphQl(String store, URI endpoint, Supplier<String> token, HttpClient http,
                          ShopifyClientConfig config, ShopifyMetrics metrics, ObjectMapper json) {
        this.store = store;
        this.endpoint = endpoint;
        this.token = token;
        this.http = http;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
    }

    public String store() {
        return store;
    }

    /** Sends {@code document} ({@code operation} names it in logs and pacing) and returns its data, or throws. */
    public GraphQlAnswer execute(String operation, String document, Map<String, Object> variables) {
        byte[] body = body(document, variables);
        int failures = 0;
        int throttles = 0;
        while (true) {
            pace(operation);
            Retry retry;
            try {
                HttpResponse<InputStream> response = http.send(request(body), HttpResponse.BodyHandlers.ofInputStream());
                Outcome outcome = handle(operation, response);
                if (outcome.answer() != null) {
                    return outcome.answer();
                }
                retry = outcome.retry();
            } catch (IOException e) {
                retry = new Retry("io", Duration.ZERO, e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShopifyApiException("INTERRUPTED", store + " " + operation + ": interrupted");
            }
            boolean throttled = "throttled".equals(retry.reason());
            int attempt = throttled ? throttles++ : failures++;
            int limit = throttled ? config.maxThrottledRetries() : config.maxRetries();
            if (attempt >= limit) {
                throw new ShopifyApiException("RETRIES_EXHAUSTED", store + " " + operation + ": gave up after "
                        + (failures + throttles) + " attempts, last: " + retry.detail());
            }
            metrics.retry(store, retry.reason());
            Duration wait = max(retry.atLeast(), backoff(attempt));
            LOG.debugf("store %s %s: %s, retry in %d ms", store, operation, retry.detail(), wait.toMillis());
            sleep(wait);
        }
    }

    /** The answer when it is good, a Retry when the call may be retried; throws otherwise. */
    private Outcome handle(String operation, HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        JsonNode answer;
        try (InputStream in = new IdleTimeoutInputStream(response.body(), config.readTimeout(),
                store + " " + operation)) {
            answer = readJson(in);
        }
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        if (status == 429 || status >= 500) {
            return retry("http_" + status, retryAfter.map(v -> parseRetryAfter(v, config.retryAfterMax()))
                            .orElse(Duration.ZERO),
                    "HTTP " + status);
        }
        if (status != 200) {
            throw new ShopifyApiException("HTTP_" + status, store + " " + operation + ": HTTP " + status + " "
                    + errorText(answer));
        }
        if (answer == null) {
            return retry("unreadable", Duration.ZERO, "answer is not JSON");
        }
        QueryCost cost = QueryCost.from(answer.get("extensions"));
        if (cost != null && cost.hasThrottleStatus()) {
            bucket.observe(cost.maximumAvailable(), cost.currentlyAvailable(), cost.restoreRate(), System.nanoTime());
        }
        if (cost != null && cost.requested() >= 0) {
            lastRequestedCost.put(operation, cost.requested());
        }
        JsonNode errors = answer.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String code = first.path("extensions").path("code").asText("");
            if ("THROTTLED".equals(code) || "Throttled".equals(first.path("message").asText())) {
                metrics.throttled(store);
                double needed = cost == null ? 0 : cost.requested();
                Duration refill = bucket.waitFor(needed, System.nanoTime());
                return retry("throttled", refill, "THROTTLED");
            }
            if ("INTERNAL_SERVER_ERROR".equals(code)) {
                return retry("internal_error", Duration.ZERO, "INTERNAL_SERVER_ERROR " + first.path("message").asText());
            }
            if ("MAX_COST_EXCEEDED".equals(code)) {
                throw new QueryCostExceededException(store + " " + operation + ": " + first.path("message").asText(),
                        first.path("extensions").path("cost").asDouble(-1), first.path("extensions").path("maxCost").asDouble(1000));
            }
            throw new ShopifyApiException(code.isEmpty() ? "GRAPHQL_ERROR" : code,
                    store + " " + operation + ": " + errorText(answer));
        }
        if (cost != null) {
            metrics.costSpent(store, cost.actual());
        }
        return new Outcome(new GraphQlAnswer(answer.get("data"), cost), null);
    }

    private void pace(String operation) {
        double expected = lastRequestedCost.getOrDefault(operation, (double) config.firstCostEstimate()) + config.reserve();
        Duration wait = bucket.waitFor(expected, System.nanoTime());
        if (!wait.isZero()) {
            metrics.throttleWait(store, wait);
            sleep(wait);
        }
        bucket.spend(expected - config.reserve(), System.nanoTime());
    }

    private HttpRequest request(byte[] body) {
        return HttpRequest.newBuilder(endpoint)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-Shopify-Access-Token", token.get())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private byte[] body(String document, Map<String, Object> variables) {
        ObjectNode body = json.createObjectNode();
        body.put("query", document);
        body.set("variables", json.valueToTree(variables == null ? Map.of() : variables));
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("variables are not JSON: " + e.getMessage(), e);
        }
    }

    private JsonNode readJson(InputStream in) {
        try {
            return json.readTree(in);
        } catch (IOException e) {
            return null;
        }
    }

    /** Shopify's error text, cut short: a 401 body is a plain string, GraphQL errors an array of objects. */
    private static String errorText(JsonNode answer) {
        if (answer == null) {
            return "(no JSON body)";
        }
        JsonNode errors = answer.get("errors");
        String text = errors == null ? answer.toString()
                : errors.isTextual() ? errors.asText()
                : errors.isArray() && !errors.isEmpty() ? errors.get(0).path("message").asText(errors.toString())
                : errors.toString();
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private Duration backoff(int attempt) {
        long cap = Math.min(config.backoffMax().toMillis(), config.backoffInitial().toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }

    /**
     * Retry-After in seconds (may be fractional, "2.0"), at most {@code cap}; an HTTP date is not expected from
     * Shopify (zero: the backoff decides).
     */
    static Duration parseRetryAfter(String value, Duration cap) {
        try {
            double seconds = Double.parseDouble(value.trim());
            if (!(seconds > 0)) {
                return Duration.ZERO;
            }
            return seconds * 1000 >= cap.toMillis() ? cap : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyApiException("INTERRUPTED", "interrupted while waiting");
        }
    }

    private static Outcome retry(String reason, Duration atLeast, String detail) {
        return new Outcome(null, new Retry(reason, atLeast, detail));
    }

    private record Outcome(GraphQlAnswer answer, Retry retry) {
    }

    private record Retry(String reason, Duration atLeast, String detail) {
    }
}
