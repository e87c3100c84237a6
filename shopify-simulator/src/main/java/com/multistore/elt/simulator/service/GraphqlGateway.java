package com.multistore.elt.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.simulator.config.SimulatorConfig;
import com.multistore.elt.simulator.graphql.ErrorShapes;
import com.multistore.elt.simulator.graphql.GraphqlEngine;
import com.multistore.elt.simulator.graphql.ShopSession;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One Admin API call, in Shopify's order: shop and token (401), version, injected faults, parse and validate,
 * requested cost (MAX_COST_EXCEEDED), bucket (THROTTLED), execution, actual cost and refund, extensions.cost.
 */
@ApplicationScoped
public class GraphqlGateway {
    private static final Logger LOG = Logger.getLogger(GraphqlGateway.class);
    private static final String DOCS = "https://shopify.dev/api/usage/rate-limits";

    private final ShopRegistry shops;
    private final SimulatorConfig config;
    private final GraphqlEngine engine;
    private final ObjectMapper json;
    private final Clock clock;

    public GraphqlGateway(ShopRegistry shops, SimulatorConfig config, GraphqlEngine engine, ObjectMapper json,
                          Clock clock) {
        this.shops = shops;
        this.config = config;
        this.engine = engine;
        this.json = json;
        this.clock = clock;
    }

    /** An HTTP answer: status, extra headers, JSON body. */
    public record Answer(int status, Map<String, String> headers, Object body) {
    }

    public Answer handle(String shopCode, String token, String version, String baseUrl, String contentType, String body) {
        return handle(shopCode, token, version, baseUrl, contentType, body, false);
    }

    /** @param includeFields header {@code X-GraphQL-Cost-Include-Fields: true}: add {@code extensions.cost.fields} */
    public Answer handle(String shopCode, String token, String version, String baseUrl, String contentType, String body,
                         boolean includeFields) {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-ID", requestId);
        ShopRuntime shop = shops.find(shopCode);
        if (shop == null) {
            return new Answer(404, headers, Map.of("errors", "Not Found"));
        }
        if (token == null || !token.equals(shop.token())) {
            return new Answer(401, headers, Map.of("errors",
                    "[API] Invalid API key or access token (unrecognized login or wrong password)"));
        }
        String effective = ApiVersions.effective(version, config.versions().supported());
        if (effective == null) {
            return new Answer(404, headers, Map.of("errors", "Not Found"));
        }
        headers.put("X-Shopify-API-Version", effective);
        Answer fault = httpFault(shop, headers);
        if (fault != null) {
            return fault;
        }
        Request request;
        try {
            request = request(contentType, body);
        } catch (IllegalArgumentException e) {
            return new Answer(400, headers, Map.of("errors", Map.of("query", "Required parameter missing or invalid")));
        }
        Document document;
        try {
            document = Parser.parse(request.query);
        } catch (InvalidSyntaxException e) {
            return new Answer(200, headers, answer(null, List.of(ErrorShapes.syntax(e.getMessage(),
                    e.getLocation() == null ? List.of() : List.of(e.getLocation()))), 0L, 0L, shop));
        }
        List<ValidationError> invalid = new Validator().validateDocument(engine.schema(), document, Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            invalid.forEach(e -> errors.add(ErrorShapes.validation(e)));
            return new Answer(200, headers, answer(null, errors, 0L, 0L, shop));
        }
        OperationDefinition operation = operation(document, request.operationName);
        if (operation == null) {
            return new Answer(200, headers, answer(null, List.of(ErrorShapes.error(request.operationName == null
                    ? "An operation name is required" : "No operation named \"" + request.operationName + "\"",
                    null, null, Map.of())), 0L, 0L, shop));
        }
        QueryCost cost = new QueryCost(engine.schema(), document,
                QueryCost.byName(shop.costModel(), config.cost().nestedConnectionEstimate()), request.variables);
        List<QueryCost.FieldCost> fields = includeFields ? new ArrayList<>() : null;
        long requested = fields == null ? cost.requested(operation, config.cost().mutationCost())
                : cost.requested(operation, config.cost().mutationCost(), fields);
        int max = config.cost().maxQueryCost();
        if (requested > max) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "MAX_COST_EXCEEDED");
            ext.put("cost", requested);
            ext.put("maxCost", max);
            ext.put("documentation", DOCS);
            return new Answer(200, headers, answer(null, List.of(ErrorShapes.error("Query cost is " + requested
                    + ", which exceeds the single query max cost limit (" + max + ").\n\nSee " + DOCS
                    + " for more information on how the cost of a query is calculated.\n\nTo query larger amounts of data"
                    + " with fewer limits, bulk operations should be used instead.\nSee "
                    + "https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
                    null, null, ext)), requested, null, shop));
        }
        if (Faults.take(shop.faults.throttled) || !shop.bucket.tryTake(requested)) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("code", "THROTTLED");
            ext.put("documentation", DOCS);
            LOG.debugf("shop %s request %s throttled (requested %d)", shop.code, requestId, requested);
            return new Answer(config.bucket().throttledStatus(), headers, answer(null,
                    List.of(ErrorShapes.error("Throttled", null, null, ext)), requested, null, shop));
        }
        if (Faults.take(shop.faults.internalErrors)) {
            shop.bucket.refund(requested);
            ShopifyError internal = ShopifyError.internal(requestId);
            return new Answer(200, headers, answer(null, List.of(ErrorShapes.error(internal.getMessage(), null, null,
                    internal.extensions())), requested, 0L, shop));
        }
        ShopSession session = new ShopSession(shop, clock, baseUrl, effective, requestId);
        ExecutionResult result = engine.execute(session, request.query, request.variables, request.operationName);
        Object data = result.getData();
        long actual = Math.min(requested, cost.actual(operation, data, config.cost().mutationCost()));
        shop.bucket.refund(requested - actual);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (GraphQLError e : result.getErrors()) {
            errors.add(ErrorShapes.execution(e));
        }
        Map<String, Object> answer = answer(data, errors, requested, actual, shop);
        if (fields != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> costExt = (Map<String, Object>) ((Map<String, Object>) answer.get("extensions")).get("cost");
            costExt.put("fields", fields);
        }
        return new Answer(200, headers, answer);
    }

    private Answer httpFault(ShopRuntime shop, Map<String, String> headers) {
        if (Faults.take(shop.faults.http429)) {
            headers.put("Retry-After", String.valueOf(shop.faults.retryAfterSeconds));
            return new Answer(429, headers, Map.of("errors",
                    "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."));
        }
        if (Faults.take(shop.faults.http503)) {
            return new Answer(503, headers, Map.of("errors", "Service Unavailable"));
        }
        if (Faults.take(shop.faults.http500)) {
            return new Answer(500, headers, Map.of("errors", "Internal Server Error"));
        }
        return null;
    }

    private Map<String, Object> answer(Object data, List<Map<String, Object>> errors, Long requested, Long actual,
                                       ShopRuntime shop) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        if (data != null) {
            body.put("data", data);
        }
        Bucket.Status status = shop.bucket.status();
        Map<String, Object> throttle = new LinkedHashMap<>();
        throttle.put("maximumAvailable", status.maximumAvailable());
        throttle.put("currentlyAvailable", status.currentlyAvailableWhole());
        throttle.put("restoreRate", status.restoreRate());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", throttle);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("cost", cost);
        body.put("extensions", extensions);
        return body;
    }

    private static OperationDefinition operation(Document document, String name) {
        List<OperationDefinition> ops = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null) {
            return ops.size() == 1 ? ops.get(0) : null;
        }
        return ops.stream().filter(o -> name.equals(o.getName())).findFirst().orElse(null);
    }

    private record Request(String query, Map<String, Object> variables, String operationName) {
    }

    @SuppressWarnings("unchecked")
    private Request request(String contentType, String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty body");
        }
        if (contentType != null && contentType.startsWith("application/graphql")) {
            return new Request(body, Map.of(), null);
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode query = node.get("query");
            if (query == null || !query.isTextual() || query.asText().isBlank()) {
                throw new IllegalArgumentException("no query");
            }
            JsonNode vars = node.get("variables");
            Map<String, Object> variables = vars == null || vars.isNull() ? Map.of() : json.convertValue(vars, Map.class);
            JsonNode op = node.get("operationName");
            return new Request(query.asText(), variables, op == null || op.isNull() ? null : op.asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON", e);
        }
    }
}
