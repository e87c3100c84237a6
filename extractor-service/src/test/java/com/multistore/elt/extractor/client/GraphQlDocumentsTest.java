package com.multistore.elt.extractor.client;

import com.multistore.elt.events.Entity;
import com.multistore.elt.testing.shopify.ShopifySchemas;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every GraphQL document the extractor sends validates against the full, real 2026-04 Admin schema and selects no
 * deprecated field; the bulk queries also keep to Shopify's bulk rules and select exactly the payload fragments.
 */
class GraphQlDocumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders-page", "customers-page", "products-page", "inventory-page", "deletions-page",
            "refunds-nodes",
            "order-line-items", "order-metafields", "product-variants", "inventory-item-levels",
            "orders-count", "customers-count", "products-count",
            "orders-ids-bulk", "customers-ids-bulk", "products-ids-bulk",
            "bulk-run", "bulk-status", "bulk-running", "bulk-cancel"})
    void documentValidatesAgainstTheFullSchema(String name) {
        String document = GraphQlDocuments.load(name);

        assertEquals(List.of(), SchemaCheck.problems(document), name);
    }

    @ParameterizedTest
    @EnumSource(Entity.class)
    void everyNestedConnectionOfAPageCanBePagedOnItsOwn(Entity entity) {
        EntityQueries queries = EntityQueries.of(entity);
        for (EntityQueries.NestedConnection nested : queries.nested()) {
            assertTrue(queries.pageDocument().contains(nested.field() + "(first: ") && queries.pageDocument()
                    .matches("(?s).*" + nested.field() + "\\(first: \\d+\\) \\{ pageInfo \\{ hasNextPage endCursor } }.*"),
                    entity + ": the page asks whether " + nested.field() + " has more");
            assertTrue(nested.document().contains("children: " + nested.field() + "(first: $first, after: $after)"),
                    nested.operation());
            assertEquals(List.of(), SchemaCheck.problems(nested.document()),
                    nested.operation());
        }
        if (queries.hasBulk()) {
            assertEquals(queries.childFields().values().stream().sorted().toList(),
                    queries.nested().stream().map(EntityQueries.NestedConnection::field).sorted().toList(),
                    entity + ": every nested connection of the payload is completed on the paged path");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Entity.class, names = {"DELETIONS", "IDS", "REFUNDS"}, mode = EnumSource.Mode.EXCLUDE)
    void bulkQueryValidatesWithAndWithoutAFilter(Entity entity) {
        String template = EntityQueries.of(entity).bulkTemplate();
        for (String filter : new String[]{null, "updated_at:>='2026-11-21T11:25:00Z' AND updated_at:<'2026-11-22T00:00:00Z'"}) {
            String query = GraphQlDocuments.bulkQuery(template, filter);

            assertEquals(List.of(), SchemaCheck.problems(query), entity + " " + filter);
            assertFalse(query.contains(GraphQlDocuments.FILTER));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Entity.class, names = {"DELETIONS", "IDS", "REFUNDS"}, mode = EnumSource.Mode.EXCLUDE)
    void bulkQueryKeepsShopifysBulkRules(Entity entity) {
        assertKeepsTheBulkRules(EntityQueries.of(entity).bulkTemplate());
    }

    @Test
    void theIdSweepIsOneBulkQueryOfIdsPerConnectionKeepingTheBulkRules() {
        List<EntityQueries> parts = EntityQueries.sweepParts();

        assertEquals(List.of("orders", "customers", "products"), parts.stream().map(EntityQueries::connection).toList());
        assertFalse(EntityQueries.of(Entity.IDS).hasBulk(), "the sweep runs its parts, not a query of its own");
        for (EntityQueries part : parts) {
            assertEquals(List.of(), SchemaCheck.problems(part.bulkTemplate()), part.connection());
            assertFalse(part.bulkTemplate().contains("..."), part.connection() + ": ids only, no payload fragment");
            assertKeepsTheBulkRules(part.bulkTemplate());
        }
    }

    private static void assertKeepsTheBulkRules(String template) {
        Document document = Parser.parse(GraphQlDocuments.bulkQuery(template, null));
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);

        List<Integer> connectionDepths = new java.util.ArrayList<>();
        collectConnections(operation.getSelectionSet(), fragments, 0, connectionDepths);

        assertTrue(connectionDepths.size() >= 1 && connectionDepths.size() <= 5, "1..5 connections: " + connectionDepths);
        assertTrue(connectionDepths.stream().allMatch(d -> d <= 2), "nesting at most 2 levels: " + connectionDepths);
        Field top = (Field) operation.getSelectionSet().getSelections().get(0);
        assertFalse(top.getName().equals("node") || top.getName().equals("nodes"), "no top-level node(s)");
    }

    @Test
    void theCheckCatchesADeprecatedFieldInADocumentWithVariables() {
        List<String> problems = SchemaCheck.problems(
                "query Q($first: Int!) { customers(first: $first) { nodes { id email } } }");

        assertTrue(problems.stream().anyMatch(p -> p.contains("deprecated field Customer.email")), problems.toString());
    }

    @Test
    void bulkQueriesAskForGroupedObjects() {
        assertTrue(GraphQlDocuments.load("bulk-run").contains("groupObjects: true"));
    }

    @Test
    void pagedDocumentsSortByUpdatedAtAndPage() {
        for (Entity entity : new Entity[]{Entity.ORDERS, Entity.CUSTOMERS, Entity.PRODUCTS}) {
            String document = EntityQueries.of(entity).pageDocument();
            assertTrue(document.contains("sortKey: UPDATED_AT"), entity.code());
            assertTrue(document.contains("after: $after") && document.contains("query: $query"), entity.code());
        }
    }

    @Test
    void refundDetailsAreAskedByGidWithEveryConnectionCompletedOnItsOwn() {
        EntityQueries queries = EntityQueries.of(Entity.REFUNDS);

        assertFalse(queries.hasBulk(), "connections under the orders' refunds list: never one bulk query");
        assertTrue(queries.pageDocument().contains("nodes(ids: $ids)") && queries.pageDocument().contains("... on Refund"),
                queries.pageDocument());
        assertEquals(List.of("refundLineItems", "refundShippingLines", "orderAdjustments", "transactions"),
                queries.nested().stream().map(EntityQueries.NestedConnection::field).toList());
        queries.nested().forEach(n -> assertTrue(n.document().contains("owner: node(id: $id)"), n.operation()));
    }

    @Test
    void deletionsArePagedDestroyEventsOldestFirst() {
        EntityQueries queries = EntityQueries.of(Entity.DELETIONS);

        assertFalse(queries.hasBulk(), "events are paged, never bulk");
        assertTrue(queries.pageDocument().contains("events(first: $first, after: $after, sortKey: CREATED_AT, query: $query)"),
                queries.pageDocument());
        assertTrue(queries.pageDocument().contains("... on BasicEvent") && queries.pageDocument().contains("subjectId"));
        assertFalse(queries.pageDocument().replaceAll("#[^\n]*", "").contains("deletionEvents"),
                "not the deprecated deletionEvents");
    }

    @Test
    void aFilterWithQuotesIsEscapedInsideTheBulkQuery() {
        String query = GraphQlDocuments.bulkQuery(EntityQueries.of(Entity.ORDERS).bulkTemplate(), "tag:\"a\"");

        assertTrue(query.contains("query: \"tag:\\\"a\\\"\""), query);
        assertEquals(List.of(), SchemaCheck.problems(query));
    }

    /** A field with a {@code nodes} or {@code edges} selection is a connection; depth counts connections above it. */
    private static void collectConnections(SelectionSet set, Map<String, FragmentDefinition> fragments, int depth,
                                           List<Integer> found) {
        if (set == null) {
            return;
        }
        for (Node<?> selection : set.getSelections()) {
            if (selection instanceof FragmentSpread spread) {
                collectConnections(fragments.get(spread.getName()).getSelectionSet(), fragments, depth, found);
            } else if (selection instanceof Field field && field.getSelectionSet() != null) {
                boolean connection = field.getSelectionSet().getSelections().stream().anyMatch(s ->
                        s instanceof Field f && (f.getName().equals("edges") || f.getName().equals("nodes")));
                int next = connection ? depth + 1 : depth;
                if (connection) {
                    found.add(next);
                }
                collectConnections(field.getSelectionSet(), fragments, next, found);
            }
        }
    }
}
