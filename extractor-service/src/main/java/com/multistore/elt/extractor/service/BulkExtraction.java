package com.multistore.elt.extractor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.extractor.client.BulkResultReader;
import com.multistore.elt.extractor.client.EntityQueries;
import com.multistore.elt.extractor.client.GraphQlDocuments;
import com.multistore.elt.extractor.client.ShopifyApiException;
import com.multistore.elt.extractor.client.ShopifyGraphQl;
import com.multistore.elt.extractor.client.StoreClients;
import com.multistore.elt.extractor.config.ExtractConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bulk path: start {@code bulkOperationRunQuery(groupObjects: true)}, poll {@code bulkOperation(id)} with
 * growing intervals, then stream the JSONL file through {@link BulkResultReader} into the sink. A FAILED operation
 * is started once more (configurable), then fails the extract with Shopify's error code; CANCELED fails it; an
 * operation still running after {@code bulk-timeout} is cancelled and fails with TIMEOUT. When another bulk query
 * of this app blocks the start ("already in progress", or the concurrency limit reached), it waits for the
 * blocking ones ({@code bulkOperations} when the message names none) to end and starts again. Partial data
 * of a failed operation is never used: its completeness cannot be proven.
 */
@ApplicationScoped
public class BulkExtraction {

    private static final Logger LOG = Logger.getLogger(BulkExtraction.class);
    private static final Pattern IN_PROGRESS = Pattern.compile("(gid://shopify/BulkOperation/\\d+)");

    private final String runDocument = GraphQlDocuments.load("bulk-run");
    private final String statusDocument = GraphQlDocuments.load("bulk-status");
    private final String cancelDocument = GraphQlDocuments.load("bulk-cancel");
    private final String runningDocument = GraphQlDocuments.load("bulk-running");

    @Inject
    ExtractConfig config;

    @Inject
    StoreClients clients;

    @Inject
    ObjectMapper json;

    /** Runs the bulk query with {@code filter} (null = everything); returns the number of root nodes streamed. */
    public long run(ShopifyGraphQl client, EntityQueries queries, String filter, String runId,
                    Consumer<String> onOperation, NodeSink sink) {
        String query = GraphQlDocuments.bulkQuery(queries.bulkTemplate(), filter);
        for (int attempt = 0; ; attempt++) {
            String id = start(client, query, runId);
            onOperation.accept(id);
            JsonNode operation = awaitEnd(client, id, runId);
            String status = operation.path("status").asText();
            switch (status) {
                case "COMPLETED" -> {
                    return stream(operation, queries, runId, client.store(), sink);
                }
                case "FAILED" -> {
                    String code = operation.path("errorCode").asText("UNKNOWN");
                    if (attempt < config.bulkFailedRetries()) {
                        LOG.warnf("run %s store %s %s: bulk operation %s FAILED (%s), starting it again", runId,
                                client.store(), queries.entity().code(), id, code);
                        continue;
                    }
                    throw new ShopifyApiException("BULK_" + code, "bulk operation " + id + " FAILED with errorCode "
                            + code + " after " + (attempt + 1) + " attempts (partial data not used)");
                }
                case "CANCELED", "CANCELING" -> throw new ShopifyApiException("BULK_CANCELED",
                        "bulk operation " + id + " was canceled");
                default -> throw new ShopifyApiException("BULK_" + status, "bulk operation " + id + " ended " + status);
            }
        }
    }

    private String start(ShopifyGraphQl client, String query, String runId) {
        long deadline = System.nanoTime() + config.bulkTimeout().toNanos();
        while (true) {
            JsonNode payload = client.execute("bulk-run", runDocument, Map.of("query", query)).data()
                    .path("bulkOperationRunQuery");
            JsonNode errors = payload.path("userErrors");
            if (errors.isArray() && !errors.isEmpty()) {
                String message = errors.get(0).path("message").asText();
                String code = errors.get(0).path("code").asText("");
                boolean inProgress = "OPERATION_IN_PROGRESS".equals(code) || "LIMIT_REACHED".equals(code)
                        || message.contains("already in progress") || message.contains("at the same time");
                if (inProgress && System.nanoTime() < deadline) {
                    Matcher blocking = IN_PROGRESS.matcher(message);
                    List<String> running = blocking.find() ? List.of(blocking.group(1)) : running(client);
                    LOG.infof("run %s store %s: bulk query blocked by %s, waiting for it", runId, client.store(), running);
                    running.forEach(id -> awaitEnd(client, id, runId));
                    if (running.isEmpty()) {
                        sleep(config.bulkPollMax());
                    }
                    continue;
                }
                throw new ShopifyApiException("BULK_" + (code.isEmpty() ? "USER_ERROR" : code),
                        "bulkOperationRunQuery refused: " + message);
            }
            String id = payload.path("bulkOperation").path("id").asText(null);
            if (id == null) {
                throw new ShopifyApiException("BAD_ANSWER", "bulkOperationRunQuery returned no operation");
            }
            LOG.infof("run %s store %s: bulk operation %s started", runId, client.store(), id);
            return id;
        }
    }

    /** The app's bulk queries still running on this shop ({@code bulkOperations}), newest first. */
    private List<String> running(ShopifyGraphQl client) {
        List<String> ids = new ArrayList<>();
        client.execute("bulk-running", runningDocument, Map.of()).data().path("bulkOperations").path("nodes")
                .forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    private JsonNode awaitEnd(ShopifyGraphQl client, String id, String runId) {
        long deadline = System.nanoTime() + config.bulkTimeout().toNanos();
        Duration interval = config.bulkPollInitial();
        while (true) {
            JsonNode operation = client.execute("bulk-status", statusDocument, Map.of("id", id)).data()
                    .path("bulkOperation");
            if (operation.isMissingNode() || operation.isNull()) {
                throw new ShopifyApiException("BAD_ANSWER", "bulk operation " + id + " not found");
            }
            String status = operation.path("status").asText();
            if (!"CREATED".equals(status) && !"RUNNING".equals(status) && !"CANCELING".equals(status)) {
                return operation;
            }
            if (System.nanoTime() > deadline) {
                client.execute("bulk-cancel", cancelDocument, Map.of("id", id));
                throw new ShopifyApiException("BULK_TIMEOUT", "bulk operation " + id + " still " + status + " after "
                        + config.bulkTimeout() + "; cancelled");
            }
            sleep(interval);
            interval = interval.multipliedBy(2).compareTo(config.bulkPollMax()) > 0 ? config.bulkPollMax()
                    : interval.multipliedBy(2);
        }
    }

    private long stream(JsonNode operation, EntityQueries queries, String runId, String store, NodeSink sink) {
        String url = operation.path("url").asText(null);
        String id = operation.path("id").asText();
        if (url == null || url.isBlank()) {
            long objects = operation.path("objectCount").asLong(0);
            if (objects > 0) {
                throw new ShopifyApiException("BULK_NO_URL", "bulk operation " + id + " COMPLETED with " + objects
                        + " objects but no url");
            }
            return 0;
        }
        try (InputStream in = clients.download(URI.create(url))) {
            long roots = BulkResultReader.of(json, queries).read(in, sink::accept);
            JsonNode expected = operation.path("rootObjectCount");
            if (!expected.isMissingNode() && !expected.isNull() && expected.asLong(-1) >= 0 && expected.asLong() != roots) {
                throw new ShopifyApiException("BULK_INCOMPLETE", "bulk result of " + id + " holds " + roots
                        + " root objects, the operation reported " + expected.asText());
            }
            LOG.infof("run %s store %s %s: bulk operation %s streamed, %d nodes", runId, store,
                    queries.entity().code(), id, roots);
            return roots;
        } catch (IOException e) {
            throw new ShopifyApiException("BULK_DOWNLOAD", "bulk result of " + id + " could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyApiException("INTERRUPTED", "interrupted while downloading " + id);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopifyApiException("INTERRUPTED", "interrupted while polling");
        }
    }
}
