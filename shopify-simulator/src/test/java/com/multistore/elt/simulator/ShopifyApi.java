package com.multistore.elt.simulator;

import com.multistore.elt.testing.shopify.ShopifySchemas;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.validation.Validator;
import graphql.schema.GraphQLSchema;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How the tests call the simulator: over real HTTP, and every GraphQL document (including the inner query of a bulk
 * job) is first validated against the FULL 2026-04 schema and the subset the simulator serves. A document that
 * does not validate fails the test before it is sent; only {@link #sendInvalid} skips the check (for tests of
 * error answers) and {@link #sendAllowingDeprecated} tolerates deprecated fields (currentBulkOperation, email).
 */
public final class ShopifyApi {
    public static final String VERSION = "2026-04";
    private static final GraphQLSchema SUBSET = ShopifySchemas.parse(new InputStreamReader(Objects.requireNonNull(
            ShopifyApi.class.getResourceAsStream("/shopify/admin-subset.graphql")), StandardCharsets.UTF_8));
    /** Every document the tests sent after validating it (for the report test). */
    public static final List<String> VALIDATED = java.util.Collections.synchronizedList(new ArrayList<>());

    private final String shop;
    private final String token;
    private String version = VERSION;

    public ShopifyApi(String shop, String token) {
        this.shop = shop;
        this.token = token;
    }

    public ShopifyApi version(String v) {
        ShopifyApi api = new ShopifyApi(shop, token);
        api.version = v;
        return api;
    }

    public String shop() {
        return shop;
    }

    /** The problems of a document against both schemas (empty = valid in both). */
    public static List<String> problems(String document, boolean allowDeprecated) {
        return problems(document, Map.of(), allowDeprecated);
    }

    /**
     * As {@link ShopifySchemas#problems}, but with the document's variables: that helper walks the document with no
     * variables, which fails for a document with non-null variables, so those are checked here the same way.
     */
    public static List<String> problems(String document, Map<String, Object> variables, boolean allowDeprecated) {
        List<String> problems = new ArrayList<>();
        if (variables.isEmpty()) {
            ShopifySchemas.problems(ShopifySchemas.full(), document).forEach(p -> problems.add("full: " + p));
            ShopifySchemas.problems(SUBSET, document).forEach(p -> problems.add("subset: " + p));
        } else {
            withVariables(ShopifySchemas.full(), document, variables).forEach(p -> problems.add("full: " + p));
            withVariables(SUBSET, document, variables).forEach(p -> problems.add("subset: " + p));
        }
        if (allowDeprecated) {
            problems.removeIf(p -> p.contains("deprecated field"));
        }
        return problems;
    }

    public static void check(String document, boolean allowDeprecated) {
        check(document, Map.of(), allowDeprecated);
    }

    public static void check(String document, Map<String, Object> variables, boolean allowDeprecated) {
        assertEquals(List.of(), problems(document, variables, allowDeprecated), "document does not validate:\n" + document);
        VALIDATED.add(document);
    }

    private static List<String> withVariables(GraphQLSchema schema, String document, Map<String, Object> variables) {
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (RuntimeException e) {
            return List.of("does not parse: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        new Validator().validateDocument(schema, parsed, Locale.ENGLISH).forEach(e -> problems.add(e.getMessage()));
        if (!problems.isEmpty()) {
            return problems;
        }
        QueryTraverser.newQueryTraverser().schema(schema).document(parsed).variables(variables).build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment env) {
                        if (env.getFieldDefinition().isDeprecated()) {
                            problems.add("deprecated field " + env.getFieldsContainer().getName() + "."
                                    + env.getField().getName() + ": " + env.getFieldDefinition().getDeprecationReason());
                        }
                    }
                });
        return problems;
    }

    public JsonPath send(String query) {
        return send(query, Map.of());
    }

    public JsonPath send(String query, Map<String, Object> variables) {
        check(query, variables, false);
        return untilNotThrottled(query, variables);
    }

    /** Like a well-behaved client: on THROTTLED, waits what the bucket needs to refill, then retries (bounded). */
    private JsonPath untilNotThrottled(String query, Map<String, Object> variables) {
        for (int attempt = 0; attempt < 60; attempt++) {
            JsonPath answer = raw(query, variables).then().statusCode(200).extract().jsonPath();
            if (!"THROTTLED".equals(answer.getString("errors[0].extensions.code"))) {
                return answer;
            }
            double missing = answer.getDouble("extensions.cost.requestedQueryCost")
                    - answer.getDouble("extensions.cost.throttleStatus.currentlyAvailable");
            double rate = answer.getDouble("extensions.cost.throttleStatus.restoreRate");
            try {
                Thread.sleep((long) Math.min(5000, Math.max(50, 1000 * missing / rate)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("still throttled after 60 attempts: " + query);
    }

    public JsonPath sendAllowingDeprecated(String query) {
        check(query, true);
        return untilNotThrottled(query, Map.of());
    }

    public Response sendInvalid(String query) {
        return raw(query, Map.of());
    }

    /** Starts a bulk job; its inner query is validated like any other document. */
    public JsonPath runBulk(String innerQuery, boolean groupObjects) {
        check(innerQuery, false);
        String mutation = "mutation run($q: String!, $g: Boolean!) { bulkOperationRunQuery(query: $q, groupObjects: $g) "
                + "{ bulkOperation { id status createdAt } userErrors { field message code } } }";
        Map<String, Object> vars = new HashMap<>();
        vars.put("q", innerQuery);
        vars.put("g", groupObjects);
        return send(mutation, vars);
    }

    public Response raw(String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return RestAssured.given().contentType(ContentType.JSON).header("X-Shopify-Access-Token", token).body(body)
                .post("/shops/" + shop + "/admin/api/" + version + "/graphql.json");
    }

    /** The simulator's admin API (not Shopify's). */
    public static io.restassured.specification.RequestSpecification admin() {
        return RestAssured.given().contentType(ContentType.JSON);
    }
}
